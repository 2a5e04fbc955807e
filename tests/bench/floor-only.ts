// The floor alone: node -r ./tools/ts-register.js tests/bench/floor-only.ts
// (HOPS, MESSAGES, RATE=0 for throughput or messages/s; KAFKA_BROKERS, DATABASE_URL as for the bench)
import { runFloor } from './floor-pipeline';

process.env.KAFKA_BROKERS ??= '127.0.0.1:19092';
process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';

void (async () => {
  const result = await runFloor({
    brokers: process.env.KAFKA_BROKERS!.split(','),
    hops: Number(process.env.HOPS ?? 4),
    messages: Number(process.env.MESSAGES ?? 3000),
    rate: Number(process.env.RATE ?? 0),
    partitions: Number(process.env.KAFKA_PARTITIONS ?? 3),
  });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  process.exit(0);
})().catch((error) => {
  process.stderr.write(`${String(error?.stack ?? error)}\n`);
  process.exit(1);
});
