import { Client } from 'pg';

/** A fingerprint of every table in a database, to prove a rejected request changed nothing. */
export async function snapshotDatabase(url: string, ignoreTables: string[] = []): Promise<Record<string, string>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
    const out: Record<string, string> = {};
    for (const { tablename } of rows) {
      if (ignoreTables.includes(tablename)) continue;
      const [{ digest }] = (await client.query(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM "${tablename}" t`)).rows;
      out[tablename] = digest;
    }
    return out;
  } finally {
    await client.end();
  }
}
