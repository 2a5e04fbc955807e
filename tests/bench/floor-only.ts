// Quick look at the floor alone: node -r ./tools/ts-register.js tests/bench/floor-only.ts
import { runFloor } from './floor-pipeline';

void (async () => {
  const result = await runFloor({
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(','),
    databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    hops: Number(process.env.HOPS ?? 4),
    messages: Number(process.env.MESSAGES ?? 3000),
    rate: Number(process.env.RATE ?? 0),
  });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  process.exit(0);
})();
