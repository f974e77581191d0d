/**
 * Which field names look like they hold secrets. A leaked hash or token is worse than a hidden
 * column, so this errs on the side of hiding; `fields.include` is the explicit way back.
 */
import { words } from './names.js';

/** Stems unambiguous enough to match anywhere, even in all-lowercase names (`passwordhash`). */
const STEMS = ['password', 'passwd', 'secret', 'credential', 'apikey', 'privatekey', 'recoverycode', 'backupcode'];

/** Words that must stand alone (`hash` in `fileHash`, not in `hashtag`; `otp` but not `footprint`). */
const WORDS = new Set(['pwd', 'hash', 'hashed', 'token', 'salt', 'otp', 'totp', 'mfa', 'session', 'pin', 'cvv', 'ssn']);

/** Adjacent word pairs (`api_key`, `privateKey`, `recovery_codes`). */
const PAIRS = [
  ['api', 'key'],
  ['private', 'key'],
  ['secret', 'key'],
  ['access', 'key'],
  ['recovery', 'code'],
  ['recovery', 'codes'],
  ['backup', 'code'],
  ['backup', 'codes'],
];

/**
 * Trailing words that make the field about a secret rather than the secret itself:
 * `tokenCount`, `passwordUpdatedAt`, `mfaEnabled`, `sessionDuration`, and references such as
 * `sessionId` or `apiKeyId` (foreign keys: hiding them would break relations and keys).
 */
const METADATA_TAIL = new Set([
  'count', 'counts', 'total', 'used', 'usage', 'limit', 'limits', 'max', 'min', 'length', 'size', 'cost',
  'at', 'date', 'time', 'expires', 'expiry', 'expiration', 'ttl', 'duration', 'start', 'end', 'timeout',
  'id', 'ids',
  'enabled', 'required', 'verified', 'set', 'type', 'kind', 'version', 'algorithm', 'method',
]);

/** Leading words that make a boolean or a count (`hasPassword`, `isMfaEnabled`, `numTokens`). */
const METADATA_HEAD = new Set(['has', 'is', 'num', 'max', 'min', 'total']);

export function looksSecret(fieldName: string): boolean {
  const ws = words(fieldName);
  if (ws.length === 0) return false;
  if (METADATA_HEAD.has(ws[0]!) || (ws.length > 1 && METADATA_TAIL.has(ws[ws.length - 1]!))) return false;
  // Plural `tokens` is a count in most schemas (`inputTokens`, `completionTokens`), not a credential.
  if (ws[ws.length - 1] === 'tokens') return false;
  const joined = ws.join('');
  if (STEMS.some((s) => joined.includes(s))) return true;
  if (ws.some((w) => WORDS.has(w))) return true;
  return PAIRS.some(([a, b]) => ws.some((w, i) => w === a && ws[i + 1] === b));
}
