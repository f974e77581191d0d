import { KeysError } from './errors.js';

const SCOPE = /^(?:(read|write)|([A-Za-z_][\w-]*):(read|write))$/;

/**
 * Validates and normalises key scopes: `read`, `write`, `<toolset>:read`, `<toolset>:write`.
 * Accepts `'read,write'` or a list; returns them deduplicated and sorted.
 * With `toolsets`, a toolset scope must name one of them.
 */
export function parseScopes(input: string | readonly string[], toolsets?: readonly string[]): string[] {
  const parts = (typeof input === 'string' ? input.split(',') : input.flatMap((s) => s.split(','))).map((s) => s.trim()).filter(Boolean);
  if (parts.length === 0) throw new KeysError(`--scopes: expected at least one of read, write, <toolset>:read, <toolset>:write`);
  for (const scope of parts) {
    const m = SCOPE.exec(scope);
    if (!m) {
      throw new KeysError(`--scopes: invalid scope '${scope}' (allowed: read, write, <toolset>:read, <toolset>:write)`);
    }
    if (m[2] && toolsets && !toolsets.includes(m[2])) {
      const known = [...toolsets].sort().join(', ') || 'none';
      throw new KeysError(`--scopes: unknown toolset '${m[2]}' in '${scope}' (toolsets: ${known})`);
    }
  }
  return [...new Set(parts)].sort();
}

/** Scopes are stored comma-separated: SQLite has no scalar lists. */
export function serializeScopes(scopes: readonly string[]): string {
  return scopes.join(',');
}

export function deserializeScopes(stored: string): string[] {
  return stored.split(',').map((s) => s.trim()).filter(Boolean);
}
