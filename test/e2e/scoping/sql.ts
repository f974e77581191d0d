// Direct database access for the matrix: snapshots of whole tables before and after every refused
// write, and a scan of the key table — through the driver, not the server under test.
import Database from 'better-sqlite3';
import pg from 'pg';
import type { TestProvider } from '../../helpers/databases.js';

export interface Sql {
  /** Every row of a table, ordered by its first column, as JSON (comparable with toEqual). */
  rows(table: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

const normalize = (rows: Record<string, unknown>[]) => JSON.parse(JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))) as Record<string, unknown>[];

export async function openSql(provider: TestProvider, url: string): Promise<Sql> {
  if (provider === 'sqlite') {
    const db = new Database(url.replace(/^file:/, ''), { readonly: true });
    return {
      rows: async (table) => normalize(db.prepare(`SELECT * FROM "${table}" ORDER BY 1`).all() as Record<string, unknown>[]),
      close: async () => void db.close(),
    };
  }
  if (provider === 'postgresql') {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return {
      rows: async (table) => normalize((await client.query(`SELECT * FROM "${table}" ORDER BY 1`)).rows),
      close: () => client.end(),
    };
  }
  throw new Error(`openSql: ${provider} is not supported by the scoping matrix`);
}
