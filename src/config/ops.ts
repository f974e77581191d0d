/** Checks of `limits` and `audit` that zod cannot express field by field. */
import { formatPath } from './format-issues.js';
import type { ParsedConfig } from './schema.js';
import { didYouMean } from './suggest.js';

const ENV_NAME = /^\$[A-Za-z_][A-Za-z0-9_]*$/;

/** Problems as `key.path: message` lines (the caller prefixes the file). */
export function opsProblems(config: ParsedConfig): string[] {
  const problems: string[] = [];
  const limits = config.limits;
  if (!limits) return problems;
  const known = Object.keys(config.toolsets);
  for (const name of Object.keys(limits.toolsets ?? {})) {
    if (!known.includes(name)) {
      problems.push(`${formatPath(['limits', 'toolsets', name])}: no toolset "${name}"${didYouMean(name, known) || `; toolsets are ${known.join(', ')}`}`);
    }
  }
  if (typeof limits.store === 'object') problems.push(...redisProblems(limits.store.redis));
  return problems;
}

function redisProblems(value: string): string[] {
  const path = 'limits.store.redis';
  if (ENV_NAME.test(value)) return [];
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return [`${path}: expected a redis:// or rediss:// URL, or $NAME of an environment variable, got ${JSON.stringify(value)}`];
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') return [`${path}: expected a redis:// or rediss:// URL, got ${url.protocol}//…`];
  // The config is committed code: a password in it would be a secret in the repository.
  if (url.password) return [`${path}: the URL carries a password; put the URL in an environment variable and write { redis: '$REDIS_URL' }`];
  return [];
}
