// Random values, their hashes, PKCE and the signed form state. Only SHA-256 hashes of codes and
// tokens reach the database: a copy of the tables grants nothing.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/** Kinds of secret we hand out; the prefix lets a verifier tell ours from API keys and JWTs. */
export const PREFIX = { code: 'mcpo_c_', access: 'mcpo_at_', refresh: 'mcpo_rt_' } as const;
export type SecretKind = keyof typeof PREFIX;

/** 256 random bits, base64url, behind the kind's prefix. */
export function newSecret(kind: SecretKind): string {
  return PREFIX[kind] + randomBytes(32).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

export function randomId(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
}

/** RFC 7636 S256: BASE64URL(SHA256(ASCII(verifier))) compared in constant time. */
export function pkceMatches(verifier: string, challenge: string): boolean {
  if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) return false;
  const computed = createHash('sha256').update(verifier, 'ascii').digest('base64url');
  return equal(computed, challenge);
}

export function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Sealed, expiring state carried by the sign-in and consent forms (who signed in, which request
 * they are answering, the CSRF twin of the cookie). AES-256-GCM under a key derived from the
 * server's secret: a page can neither be forged nor read (the CSRF value stays secret), only
 * posted by the browser that holds the matching cookie, until it expires; consent forms once.
 */
export function seal(secret: string, value: unknown, ttlMs: number, now: number): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(secret), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify({ v: value, exp: now + ttlMs }), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

export function unseal(secret: string, sealed: string, now: number): unknown {
  const raw = Buffer.from(sealed, 'base64url');
  if (raw.length < 12 + 16 + 2) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealKey(secret), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    const text = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
    const parsed = JSON.parse(text) as { v: unknown; exp: number };
    return parsed.exp > now ? parsed.v : undefined;
  } catch {
    return undefined; // tampered, or sealed with another secret
  }
}

const keys = new Map<string, Buffer>();
function sealKey(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = Buffer.from(hkdfSync('sha256', secret, 'mcp-gen', 'oauth form seal', 32))));
  return key;
}
