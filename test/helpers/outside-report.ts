// Vitest global setup: one line per thing from outside the repository that this run does not have,
// naming what is skipped and how to get it, so a fresh clone's `npm test` says why it skipped what it
// skipped. docs/testing.md lists the same, suite by suite.
import { existsSync } from 'node:fs';
import { CORPUS_MISSING, realWorldDir } from './real-world.js';

/** What is missing, each as one line. */
export function missingOutside(env: NodeJS.ProcessEnv = process.env): string[] {
  const lines: string[] = [];
  if (!realWorldDir()) lines.push(CORPUS_MISSING);
  if (!env['MCPGEN_TEST_POSTGRES_URL']) lines.push('MCPGEN_TEST_POSTGRES_URL is not set: the PostgreSQL runs of the database suites are skipped (SQLite runs)');
  if (!env['MCPGEN_TEST_MYSQL_URL']) lines.push('MCPGEN_TEST_MYSQL_URL is not set: the MariaDB/MySQL runs of the database suites are skipped (SQLite runs)');
  if (!env['MCPGEN_TEST_REDIS_URL']) lines.push('MCPGEN_TEST_REDIS_URL is not set: the Redis rate-limit store cases are skipped (the memory store runs)');
  if (!existsSync('/usr/bin/chromium')) lines.push('no /usr/bin/chromium: the OAuth sign-in and consent pages are not driven in a browser (apt-get install chromium)');
  return lines;
}

export default function setup(): () => void {
  const lines = missingOutside();
  // Said after the summary, where a reader looks for why tests were skipped.
  return () => {
    if (lines.length > 0) console.log(`\nSkipped for lack of outside data or services (docs/testing.md):\n${lines.map((l) => `  - ${l}`).join('\n')}\n`);
  };
}
