// Preloaded with `node --import` by bench/queries.ts: counts the SQL statements the process sends
// (better-sqlite3 prepare, pg query), by first keyword. On SIGUSR2 it writes the counts as JSON to
// MCPGEN_SQL_COUNT_FILE and starts again from zero.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const file = process.env.MCPGEN_SQL_COUNT_FILE;
if (file) {
  const require = createRequire(path.join(process.cwd(), 'package.json'));
  let counts = {};
  const count = (sql) => {
    const kind = String(sql).trim().split(/\s+/)[0].toUpperCase();
    counts[kind] = (counts[kind] ?? 0) + 1;
  };
  try {
    const Database = require('better-sqlite3');
    const prepare = Database.prototype.prepare;
    Database.prototype.prepare = function (sql, ...rest) {
      count(sql);
      return prepare.call(this, sql, ...rest);
    };
  } catch {}
  try {
    const { Client } = require('pg');
    const query = Client.prototype.query;
    Client.prototype.query = function (config, ...rest) {
      count(typeof config === 'string' ? config : config?.text);
      return query.call(this, config, ...rest);
    };
  } catch {}
  process.on('SIGUSR2', () => {
    writeFileSync(file, JSON.stringify(counts));
    counts = {};
  });
}
