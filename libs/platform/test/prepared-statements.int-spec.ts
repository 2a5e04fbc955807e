// Prepared statements through TypeORM against the real PostgreSQL (DATABASE_URL, else the local one).
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { deferStatement, failedInDeferredStatement, preparedStatementClient } from '../src';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** One connection, so every query runs in the session whose state a test checks, and a fresh table. */
async function singleConnectionWith(table: string): Promise<DataSource> {
  const dataSource = await new DataSource({ type: 'postgres', url: DATABASE_URL, poolSize: 1, extra: { Client: preparedStatementClient() } }).initialize();
  await dataSource.query(`CREATE TABLE ${table} (id int PRIMARY KEY, label text)`);
  return dataSource;
}

/** The pool's only client: its round-trip count and the server's view of its transaction. */
async function onlyClient(dataSource: DataSource): Promise<{ roundTrips: number; getTransactionStatus(): string }> {
  const runner = dataSource.createQueryRunner();
  const connection = (await runner.connect()) as { roundTrips: number; getTransactionStatus(): string };
  await runner.release();
  return connection;
}

async function dropAndClose(dataSource: DataSource, table: string): Promise<void> {
  await dataSource.query(`DROP TABLE IF EXISTS ${table}`);
  await dataSource.destroy();
}

describe('preparedStatementClient', () => {
  const table = `prepared_${randomBytes(4).toString('hex')}`;
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await singleConnectionWith(table);
    await dataSource.query(`INSERT INTO ${table} SELECT i, 'row ' || i FROM generate_series(1, 20) i`);
  });
  afterAll(() => dropAndClose(dataSource, table));

  const prepared = (): Promise<{ name: string; statement: string }[]> =>
    dataSource.query(`SELECT name, statement FROM pg_prepared_statements WHERE statement LIKE '%${table}%' ORDER BY prepare_time`);

  it('runs a parameterised statement unnamed once, then prepared, with the same results', async () => {
    const sql = `SELECT id, label FROM ${table} WHERE id = ANY($1::int[]) ORDER BY id`;
    const first = await dataSource.query(sql, [[3, 4]]);
    expect(await prepared()).toEqual([]);
    const second = await dataSource.query(sql, [[3, 4]]);
    const third = await dataSource.query(sql, [[5]]);
    expect(first).toEqual([{ id: 3, label: 'row 3' }, { id: 4, label: 'row 4' }]);
    expect(second).toEqual(first);
    expect(third).toEqual([{ id: 5, label: 'row 5' }]);
    expect(await prepared()).toEqual([{ name: expect.stringMatching(/^askfirst_\d+$/), statement: sql }]);
  });

  it('plans every execution with its values (no generic plans)', async () => {
    const [{ plan_cache_mode }] = await dataSource.query(`SELECT current_setting('plan_cache_mode') AS plan_cache_mode`);
    expect(plan_cache_mode).toBe('force_custom_plan');
  });

  it('leaves statements without parameters alone', async () => {
    await dataSource.query(`SELECT count(*) FROM ${table}`);
    await dataSource.query(`SELECT count(*) FROM ${table}`);
    expect((await prepared()).map((p) => p.statement)).not.toContain(`SELECT count(*) FROM ${table}`);
  });

  it('fails once after a migration changes the columns under a prepared SELECT *, then prepares it again', async () => {
    const sql = `SELECT * FROM ${table} WHERE id = $1`;
    await dataSource.query(sql, [1]);
    expect(await dataSource.query(sql, [1])).toEqual([{ id: 1, label: 'row 1' }]);
    await dataSource.query(`ALTER TABLE ${table} ADD COLUMN note text`);
    await expect(dataSource.query(sql, [1])).rejects.toMatchObject({ code: '0A000' });
    expect(await dataSource.query(sql, [1])).toEqual([{ id: 1, label: 'row 1', note: null }]);
  });

  it('leaves database errors as they are', async () => {
    await dataSource.query(`SELECT id FROM ${table} WHERE id = $1`, [1]);
    await expect(dataSource.query(`SELECT id FROM ${table} WHERE id = $1`, ['not a number'])).rejects.toMatchObject({ code: '22P02' });
    expect(await dataSource.query(`SELECT id FROM ${table} WHERE id = $1`, [2])).toEqual([{ id: 2 }]);
  });
});

describe('preparedStatementClient: BEGIN travels with the first statement', () => {
  const table = `held_begin_${randomBytes(4).toString('hex')}`;
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await singleConnectionWith(table);
  });
  afterAll(() => dropAndClose(dataSource, table));

  const client = () => onlyClient(dataSource);

  it('runs the statements of a transaction inside it, one round trip fewer, and commits', async () => {
    const c = await client();
    // Warm up the statement's name on this connection (its first use takes a round trip of its own).
    for (let i = 0; i < 2; i++) await dataSource.transaction((m) => m.query(`SELECT now() AS t, $1::int AS n`, [i]));
    const before = c.roundTrips;
    const [first, second] = await dataSource.transaction(async (m) => {
      const a = await m.query(`SELECT now() AS t, $1::int AS n`, [1]);
      await m.query(`INSERT INTO ${table} (id, label) VALUES ($1, $2)`, [1, 'one']);
      await m.query(`SELECT pg_sleep(0.02)`);
      const b = await m.query(`SELECT now() AS t, $1::int AS n`, [2]);
      return [a[0], b[0]];
    });
    // now() is the transaction's start: the same in both, 20 ms apart, only inside one transaction.
    expect(first.t).toEqual(second.t);
    expect(c.roundTrips - before).toBe(5); // BEGIN+SELECT, INSERT, sleep, SELECT, COMMIT
    expect(c.getTransactionStatus()).toBe('I');
    expect(await dataSource.query(`SELECT label FROM ${table} WHERE id = 1`)).toEqual([{ label: 'one' }]);
  });

  it('rolls back what the transaction did when it fails, and the connection is clean after', async () => {
    await expect(dataSource.transaction(async (m) => {
      await m.query(`INSERT INTO ${table} (id, label) VALUES ($1, $2)`, [2, 'two']);
      throw new Error('business rule');
    })).rejects.toThrow('business rule');
    await expect(dataSource.transaction(async (m) => {
      await m.query(`INSERT INTO ${table} (id, label) VALUES ($1, $2)`, [3, 'three']);
      await m.query(`INSERT INTO ${table} (id, label) VALUES ($1, $2)`, [1, 'duplicate key']);
    })).rejects.toMatchObject({ code: '23505' });
    expect(await dataSource.query(`SELECT id FROM ${table} ORDER BY id`)).toEqual([{ id: 1 }]);
    expect((await client()).getTransactionStatus()).toBe('I');
  });

  it('fails the first statement as usual when it is the one sent with BEGIN', async () => {
    await expect(dataSource.transaction((m) => m.query(`SELECT $1::int AS n`, ['not a number']))).rejects.toMatchObject({ code: '22P02' });
    await expect(dataSource.transaction((m) => m.query(`SELECT * FROM no_such_table_here`))).rejects.toMatchObject({ code: '42P01' });
    expect((await client()).getTransactionStatus()).toBe('I');
    expect(await dataSource.transaction((m) => m.query(`SELECT $1::int AS n`, [7]))).toEqual([{ n: 7 }]);
  });

  it('sends nothing for a transaction without statements', async () => {
    const c = await client();
    const before = c.roundTrips;
    await dataSource.transaction(async () => undefined);
    await expect(dataSource.transaction(async () => {
      throw new Error('before any statement');
    })).rejects.toThrow('before any statement');
    expect(c.roundTrips).toBe(before);
    expect(c.getTransactionStatus()).toBe('I');
  });

  it('keeps SET LOCAL inside the transaction when it is the first statement', async () => {
    const [inside, after] = [
      await dataSource.transaction(async (m) => {
        await m.query(`SET LOCAL lock_timeout = '123ms'`);
        return (await m.query(`SELECT current_setting('lock_timeout') AS v`))[0].v;
      }),
      (await dataSource.query(`SELECT current_setting('lock_timeout') AS v`))[0].v,
    ];
    expect(inside).toBe('123ms');
    expect(after).toBe('0');
  });
});

describe('preparedStatementClient: deferred statements travel with the next one', () => {
  const table = `deferred_${randomBytes(4).toString('hex')}`;
  let dataSource: DataSource;
  const insert = `INSERT INTO ${table} (id, label) VALUES ($1, $2)`;
  const ids = async () => (await dataSource.query(`SELECT id FROM ${table} ORDER BY id`)).map((r: { id: number }) => r.id);

  beforeAll(async () => {
    dataSource = await singleConnectionWith(table);
    // Warm the names used below on the one connection (a name's first use takes a round trip of its own).
    for (let i = 0; i < 2; i++) {
      await dataSource.transaction((m) => m.query(`SELECT count(*)::int AS n FROM ${table} WHERE id > $1`, [0]));
      await dataSource.transaction((m) => m.query(insert, [1000 + i, 'warm-up']));
    }
    await dataSource.query(`DELETE FROM ${table}`);
  });
  afterAll(() => dropAndClose(dataSource, table));
  beforeEach(() => dataSource.query(`DELETE FROM ${table}`));

  const client = () => onlyClient(dataSource);

  it('sends a deferred INSERT with the COMMIT, in one round trip, and commits it', async () => {
    const c = await client();
    const before = c.roundTrips;
    await dataSource.transaction(async (m) => {
      await m.query(`SELECT count(*)::int AS n FROM ${table} WHERE id > $1`, [0]);
      await deferStatement(m, insert, [1, 'one']);
      await deferStatement(m, insert, [2, 'two']);
    });
    expect(c.roundTrips - before).toBe(2); // BEGIN+SELECT, INSERT+INSERT+COMMIT
    expect(await ids()).toEqual([1, 2]);
    expect(c.getTransactionStatus()).toBe('I');
  });

  it('runs a deferred statement before the next one, which sees what it did', async () => {
    const counted = await dataSource.transaction(async (m) => {
      await deferStatement(m, `SET LOCAL lock_timeout = '321ms'`);
      await deferStatement(m, insert, [3, 'three']);
      return m.query(`SELECT count(*)::int AS n, current_setting('lock_timeout') AS t FROM ${table} WHERE id > $1`, [0]);
    });
    expect(counted).toEqual([{ n: 1, t: '321ms' }]);
  });

  it('fails the COMMIT with the deferred statement\'s own error and rolls the whole transaction back', async () => {
    await dataSource.query(insert, [5, 'five']);
    const failure = await dataSource.transaction(async (m) => {
      await m.query(insert, [6, 'six']);
      await deferStatement(m, insert, [5, 'duplicate key']);
    }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: '23505' });
    expect(failedInDeferredStatement(failure)).toBe(true);
    expect(await ids()).toEqual([5]);
    expect((await client()).getTransactionStatus()).toBe('I');
  });

  it('gives the deferred statement\'s error, not "transaction aborted", when it had to go alone before a new statement', async () => {
    await dataSource.query(insert, [7, 'seven']);
    const fresh = `SELECT id FROM ${table} WHERE label = $1 AND id > ${Date.now() % 1000}`; // never named on this connection yet
    for (let i = 0; i < 2; i++) {
      const failure = await dataSource.transaction(async (m) => {
        await deferStatement(m, insert, [7, 'duplicate key']);
        return m.query(fresh, ['seven']);
      }).catch((error: unknown) => error);
      expect(failure).toMatchObject({ code: '23505' });
      expect(failedInDeferredStatement(failure)).toBe(true);
    }
    expect(await ids()).toEqual([7]);
  });

  it('does not blame a deferred statement for the failure of the statement it travelled with', async () => {
    await dataSource.query(insert, [12, 'twelve']);
    const failure = await dataSource.transaction(async (m) => {
      await m.query(`SELECT count(*)::int AS n FROM ${table} WHERE id > $1`, [0]);
      await deferStatement(m, insert, [13, 'thirteen']);
      await m.query(insert, [12, 'duplicate key']);
    }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: '23505' });
    expect(failedInDeferredStatement(failure)).toBe(false);
    expect(await ids()).toEqual([12]);
  });

  it('drops what is deferred when the transaction rolls back; sends nothing if nothing else was sent', async () => {
    const c = await client();
    const before = c.roundTrips;
    await expect(dataSource.transaction(async (m) => {
      await deferStatement(m, insert, [8, 'eight']);
      throw new Error('business rule');
    })).rejects.toThrow('business rule');
    expect(c.roundTrips).toBe(before);
    await expect(dataSource.transaction(async (m) => {
      await m.query(`SELECT count(*)::int AS n FROM ${table} WHERE id > $1`, [0]);
      await deferStatement(m, insert, [9, 'nine']);
      throw new Error('business rule');
    })).rejects.toThrow('business rule');
    expect(await ids()).toEqual([]);
    expect(c.getTransactionStatus()).toBe('I');
  });

  it('runs the statement at once outside a transaction', async () => {
    await deferStatement(dataSource.manager, insert, [10, 'ten']);
    expect(await ids()).toEqual([10]);
  });

  it('fails a COMMIT that PostgreSQL turns into a ROLLBACK because a statement failed and the caller went on', async () => {
    await expect(dataSource.transaction(async (m) => {
      await m.query(insert, [11, 'eleven']);
      await m.query(`SELECT $1::int`, ['not a number']).catch(() => undefined);
    })).rejects.toThrow(/COMMIT rolled it back/);
    expect(await ids()).toEqual([]);
    expect((await client()).getTransactionStatus()).toBe('I');
  });
});
