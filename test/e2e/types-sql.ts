// Raw SQL the type-coverage test needs beyond a schema push: the view (pushes do not create views) and a
// row in the implicit many-to-many table (the generated tools write scalar fields only).
import Database from 'better-sqlite3';
import pg from 'pg';
import mariadb from 'mariadb';
import type { TestProvider } from '../helpers/databases.js';
import { toMariaDbUri } from '../helpers/push-schema.js';

export const VIEW_SQL: Record<TestProvider, string> = {
  postgresql: 'CREATE VIEW "sample_summary" AS SELECT "id", "label", "amount" FROM "samples"',
  mysql: 'CREATE VIEW `sample_summary` AS SELECT `id`, `label`, `amount` FROM `samples`',
  sqlite: 'CREATE VIEW "sample_summary" AS SELECT "id", "label", "amount" FROM "samples"',
};

/** Implicit m-n between Group (A, first alphabetically) and Person (B). */
export const JOIN_TABLE_SQL: Record<TestProvider, (groupId: number, personId: number) => string> = {
  postgresql: (g, p) => `INSERT INTO "_GroupToPerson" ("A", "B") VALUES (${g}, ${p})`,
  mysql: (g, p) => `INSERT INTO \`_GroupToPerson\` (\`A\`, \`B\`) VALUES (${g}, ${p})`,
  sqlite: (g, p) => `INSERT INTO "_GroupToPerson" ("A", "B") VALUES (${g}, ${p})`,
};

export async function execSql(provider: TestProvider, url: string, statements: string[]): Promise<void> {
  if (provider === 'sqlite') {
    const db = new Database(url.replace(/^file:/, ''));
    try {
      for (const s of statements) db.exec(s);
    } finally {
      db.close();
    }
  } else if (provider === 'postgresql') {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const s of statements) await client.query(s);
    } finally {
      await client.end();
    }
  } else {
    const conn = await mariadb.createConnection(toMariaDbUri(url));
    try {
      for (const s of statements) await conn.query(s);
    } finally {
      await conn.end();
    }
  }
}
