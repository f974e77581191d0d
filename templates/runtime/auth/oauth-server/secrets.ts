// Random values, their hashes, PKCE and the signed form state. Only SHA-256 hashes of codes and
// tokens reach the database: a copy of the tables grants nothing.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

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
 * Signed, expiring state carried by the sign-in and consent forms (who signed in, which request
 * they are answering). HMAC-SHA256 with the server's secret: a page cannot be forged, only replayed
 * by the browser that holds the matching CSRF cookie, and only until it expires.
 */
export function seal(secret: string, value: unknown, ttlMs: number, now: number): string {
  const body = Buffer.from(JSON.stringify({ v: value, exp: now + ttlMs })).toString('base64url');
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

export function unseal(secret: string, sealed: string, now: number): unknown {
  const [body, mac] = sealed.split('.');
  if (!body || !mac || !equal(mac, createHmac('sha256', secret).update(body).digest('base64url'))) return undefined;
  const parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { v: unknown; exp: number };
  return parsed.exp > now ? parsed.v : undefined;
}
