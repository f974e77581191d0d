/**
 * The API key format: `mcpk_<8-char public id>_<43-char secret>`.
 * The public id is stored (as `prefix`, e.g. `mcpk_AbC12xYz`) to show and find keys; the secret is
 * 32 random bytes (256 bits) in base64url. Only the SHA-256 of the whole key is stored.
 */
import { createHash, randomBytes } from 'node:crypto';

export const KEY_PREFIX = 'mcpk_';
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const ID_LENGTH = 8;
const KEY_SHAPE = /^mcpk_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{43})$/;

export interface NewKey {
  /** The raw key: shown once, never stored. */
  readonly key: string;
  /** `mcpk_` + the public id: stored, shown in listings, accepted by `keys revoke`. */
  readonly prefix: string;
  /** SHA-256 hex of `key`: what the database holds. */
  readonly hash: string;
}

export function generateKey(): NewKey {
  const prefix = KEY_PREFIX + publicId();
  const key = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: hashKey(key) };
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Cheap shape check before any hashing or lookup; `null` when `raw` is not a key. */
export function parseKey(raw: string): { readonly prefix: string; readonly secret: string } | null {
  const m = KEY_SHAPE.exec(raw);
  return m ? { prefix: KEY_PREFIX + m[1], secret: m[2]! } : null;
}

// Rejection sampling keeps every character equally likely (256 is not a multiple of 62).
function publicId(): string {
  let out = '';
  const limit = 256 - (256 % ID_ALPHABET.length);
  while (out.length < ID_LENGTH) {
    for (const byte of randomBytes(16)) {
      if (byte < limit && out.length < ID_LENGTH) out += ID_ALPHABET[byte % ID_ALPHABET.length];
    }
  }
  return out;
}
