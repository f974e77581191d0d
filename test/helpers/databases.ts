// The database matrix for end-to-end tests. SQLite always runs; PostgreSQL and MariaDB/MySQL run when
// their env var is set — and then must be reachable: a configured database that is down fails loudly.
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { createTestDatabase, redactUrl } from './push-schema.js';

export type TestProvider = 'sqlite' | 'postgresql' | 'mysql';

export interface TestDatabase {
  provider: TestProvider;
  label: string;
  /** Server URL (any existing database on it); absent for SQLite. */
  baseUrl?: string;
}

const ENV_VARS = { postgresql: 'MCPGEN_TEST_POSTGRES_URL', mysql: 'MCPGEN_TEST_MYSQL_URL' } as const;

export function configuredDatabases(env: NodeJS.ProcessEnv = process.env): TestDatabase[] {
  const list: TestDatabase[] = [{ provider: 'sqlite', label: 'SQLite' }];
  const pgUrl = env[ENV_VARS.postgresql];
  if (pgUrl) list.push({ provider: 'postgresql', label: 'PostgreSQL', baseUrl: pgUrl });
  const myUrl = env[ENV_VARS.mysql];
  if (myUrl) list.push({ provider: 'mysql', label: 'MariaDB/MySQL', baseUrl: myUrl });
  return list;
}

export const testDatabases: TestDatabase[] = configuredDatabases();

/** A fresh, empty database for one test; `drop()` removes it. `env` is for testing this helper. */
export async function freshDatabase(
  provider: TestProvider,
  dir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ url: string; drop(): Promise<void> }> {
  if (provider === 'sqlite') {
    const file = path.resolve(dir, `test-${randomBytes(4).toString('hex')}.db`);
    return { url: `file:${file}`, drop: () => rm(file, { force: true }) };
  }
  const baseUrl = configuredDatabases(env).find((d) => d.provider === provider)?.baseUrl;
  const envVar = ENV_VARS[provider];
  if (!baseUrl) throw new Error(`freshDatabase(${provider}): ${envVar} is not set`);
  try {
    return await createTestDatabase(provider, baseUrl);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(
      `${envVar}=${redactUrl(baseUrl)} is configured but the ${provider} server cannot be used: ${detail}. ` +
        `Start the server or unset ${envVar}.`,
    );
  }
}
