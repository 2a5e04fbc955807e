// Prepared statements through TypeORM against the real PostgreSQL (DATABASE_URL, else the local one).
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { preparedStatementClient } from '../src';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

describe('preparedStatementClient', () => {
  const table = `prepared_${randomBytes(4).toString('hex')}`;
  let dataSource: DataSource;

  beforeAll(async () => {
    // One connection, so every query below runs in the session whose prepared statements are checked.
    dataSource = await new DataSource({ type: 'postgres', url: DATABASE_URL, poolSize: 1, extra: { Client: preparedStatementClient() } }).initialize();
    await dataSource.query(`CREATE TABLE ${table} (id int PRIMARY KEY, label text)`);
    await dataSource.query(`INSERT INTO ${table} SELECT i, 'row ' || i FROM generate_series(1, 20) i`);
  });
  afterAll(async () => {
    await dataSource.query(`DROP TABLE IF EXISTS ${table}`);
    await dataSource.destroy();
  });

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
