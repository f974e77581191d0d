// Applies a Prisma schema to a real database with the WebAssembly schema engine: the `prisma db push`
// CLI needs a native engine binary that cannot be downloaded here (docs/contributing.md, "Prisma without engine downloads").
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import mariadb from 'mariadb';
import { stripDatasourceUrls } from './strip-datasource-urls.js';
import { mysqlDdl } from './mysql-ddl.js';

export type SqlProvider = 'sqlite' | 'postgresql' | 'mysql';

export interface PushSchemaOptions {
  /** [path, content] of every .prisma file of the schema. */
  files: [string, string][];
  url: string;
  provider: SqlProvider;
  /** Accept destructive changes (data loss warnings). Default false: warnings fail the push. */
  force?: boolean;
}

type Runtime = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');

// Panic messages from the engine (a process-wide sink, drained by each push).
const panics: string[] = [];

// Memoized per process: instantiating the 5 MB module takes a noticeable moment.
let runtimePromise: Promise<Runtime> | undefined;

function loadRuntime(): Promise<Runtime> {
  runtimePromise ??= (async () => {
    // Use the copy @prisma/internals depends on, so versions match the parser mcp-gen uses.
    const requireFromInternals = createRequire(createRequire(import.meta.url).resolve('@prisma/internals'));
    const bgPath = requireFromInternals.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const runtime = (await import(bgPath)) as Runtime;
    // The engine reports Rust panics through this global before trapping; without it the panic
    // message is lost and the process dies on a TypeError instead.
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
      set_message: (message: string) => panics.push(message),
    };
    const bytes = await readFile(path.join(path.dirname(bgPath), 'schema_engine_bg.wasm'));
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
      './schema_engine_bg.js': runtime as unknown as WebAssembly.ModuleImports,
    });
    runtime.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
    return runtime;
  })();
  return runtimePromise;
}

function adapterFactory(provider: 'sqlite' | 'postgresql', url: string): SqlMigrationAwareDriverAdapterFactory {
  return provider === 'sqlite'
    ? new PrismaBetterSqlite3({ url })
    : new PrismaPg(new CharAsTextPool({ connectionString: url }), { disposeExternalPool: true });
}

// @prisma/adapter-pg 7.10 has no column-type mapping for PostgreSQL's internal `"char"` type (OID 18),
// which the schema engine's catalog queries return (pg_class.relkind, ...): every push fails with
// "Column type 'char' could not be deserialized". pg already hands those values over as strings, so
// relabelling the column as text (OID 25) is all the adapter needs.
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

class CharAsTextPool extends pg.Pool {
  // pg's overloads cannot be re-declared faithfully; the adapter only uses the promise form.
  override query(...args: unknown[]): never {
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (!(result instanceof Promise)) return result as never;
    return result.then((res: pg.QueryResult) => {
      for (const field of res.fields ?? []) {
        if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
      }
      return res;
    }) as never;
  }
}

// The engine opens connections through the factory but never closes them; track them so a push
// leaves no open pool behind (an open pool would block DROP DATABASE and keep the process alive).
function tracked(factory: SqlMigrationAwareDriverAdapterFactory): {
  factory: SqlMigrationAwareDriverAdapterFactory;
  disposeAll(): Promise<void>;
} {
  const opened: SqlDriverAdapter[] = [];
  const wrap = (connect: () => Promise<SqlDriverAdapter>) => async () => {
    const adapter = await connect();
    opened.push(adapter);
    return adapter;
  };
  const wrapped: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: wrap(() => factory.connect()),
    connectToShadowDb: wrap(() => factory.connectToShadowDb()),
  };
  return {
    factory: wrapped,
    disposeAll: async () => {
      await Promise.allSettled(opened.map((adapter) => adapter.dispose()));
    },
  };
}

/** Pushes the schema (like `prisma db push`); throws on unexecutable steps or data-loss warnings. */
export async function pushSchema(opts: PushSchemaOptions): Promise<void> {
  if (opts.provider === 'mysql') {
    // The WASM schema engine panics with "Unsupported adapter provider: Mysql" (prisma 7.10).
    await pushMysqlSchema(opts.files.map(([file, content]) => [file, stripDatasourceUrls(content)]), opts.url, opts.force ?? false);
    return;
  }
  const runtime = await loadRuntime();
  const files = opts.files.map(([file, content]) => ({ path: file, content: stripDatasourceUrls(content) }));
  const provider = opts.provider;
  const { factory, disposeAll } = tracked(adapterFactory(provider, opts.url));
  const logs: string[] = [];
  try {
    const engine = await runtime.SchemaEngine.new(
      { datamodels: files.map((f): [string, string] => [f.path, f.content]) },
      (log: unknown) => logs.push(String(log)),
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    try {
      const result = await engine.schemaPush({
        force: opts.force ?? false,
        schema: { files },
        filters: { externalTables: [], externalEnums: [] },
      });
      const problems = [...result.unexecutable, ...result.warnings];
      if (problems.length > 0) {
        throw new Error(`pushSchema (${opts.provider}, ${redactUrl(opts.url)}) refused:\n- ${problems.join('\n- ')}`);
      }
    } finally {
      engine.free();
    }
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('pushSchema')) throw error;
    const panic = panics.splice(0).join('\n');
    const detail = (error instanceof Error ? error.message : JSON.stringify(error)) + (panic ? `\npanic: ${panic}` : '');
    throw new Error(
      `pushSchema (${opts.provider}, ${redactUrl(opts.url)}) failed: ${detail}` +
        (logs.length > 0 ? `\nengine log:\n${logs.slice(-20).join('\n')}` : ''),
    );
  } finally {
    await disposeAll();
  }
}

/** The URL with any password replaced, for error messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

function withDatabase(baseUrl: string, database: string): string {
  const parsed = new URL(baseUrl);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Creates a uniquely named database on the server of `baseUrl`; `drop()` removes it again. */
export async function createTestDatabase(
  provider: 'postgresql' | 'mysql',
  baseUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `mcpgen_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = (sql: string) => runAdminStatement(provider, baseUrl, sql);
  await admin(provider === 'postgresql' ? `CREATE DATABASE "${name}"` : `CREATE DATABASE \`${name}\``);
  return {
    url: withDatabase(baseUrl, name),
    drop: () =>
      admin(provider === 'postgresql' ? `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)` : `DROP DATABASE IF EXISTS \`${name}\``),
  };
}

async function runAdminStatement(provider: 'postgresql' | 'mysql', baseUrl: string, sql: string): Promise<void> {
  try {
    if (provider === 'postgresql') {
      const client = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 10_000 });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    } else {
      const conn = await mariadb.createConnection(toMariaDbUri(baseUrl));
      try {
        await conn.query(sql);
      } finally {
        await conn.end();
      }
    }
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`${provider} server at ${redactUrl(baseUrl)}: "${sql}" failed: ${detail}`);
  }
}

/** The mariadb driver expects a `mariadb://` scheme. */
export function toMariaDbUri(url: string): string {
  return url.replace(/^mysql:\/\//, 'mariadb://');
}

/** MySQL/MariaDB: create every table in an empty database (`force` drops existing tables first). */
async function pushMysqlSchema(files: [string, string][], url: string, force: boolean): Promise<void> {
  const statements = await mysqlDdl(files);
  const conn = await mariadb.createConnection(toMariaDbUri(url)).catch((error: unknown) => {
    throw new Error(`pushSchema (mysql, ${redactUrl(url)}): cannot connect: ${error instanceof Error ? error.message : String(error)}`);
  });
  try {
    const existing = (await conn.query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()')) as {
      name: string;
    }[];
    if (existing.length > 0 && !force) {
      throw new Error(
        `pushSchema (mysql, ${redactUrl(url)}): database is not empty (${existing.map((t) => t.name).join(', ')}); ` +
          'MySQL pushes only create tables — pass force: true to drop them first',
      );
    }
    await conn.query('SET FOREIGN_KEY_CHECKS = 0');
    for (const { name } of existing) await conn.query(`DROP TABLE \`${name}\``);
    await conn.query('SET FOREIGN_KEY_CHECKS = 1');
    for (const sql of statements) {
      try {
        await conn.query(sql);
      } catch (error) {
        throw new Error(`pushSchema (mysql, ${redactUrl(url)}) failed on:\n${sql}\n${error instanceof Error ? error.message : String(error)}`);
      }
    }
  } finally {
    await conn.end();
  }
}
