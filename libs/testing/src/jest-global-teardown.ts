import { dropRunDatabases, testRunId } from './infrastructure';

export default async function globalTeardown(): Promise<void> {
  if (process.env.KEEP_TEST_DATABASES !== '1') await dropRunDatabases(testRunId()).catch(() => undefined);
  const started = (globalThis as { __askfirstContainers?: { stop(): Promise<void> } }).__askfirstContainers;
  await started?.stop();
}
