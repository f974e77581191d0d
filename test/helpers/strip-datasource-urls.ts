// Prisma 7 rejects `url` / `directUrl` / `shadowDatabaseUrl` inside `datasource` blocks, but most
// schemas in the wild (Prisma 5/6) still carry them. Blank those lines out — keeping the line count so
// error positions still point at the user's file.
const URL_KEYS = new Set(['url', 'directUrl', 'shadowDatabaseUrl']);

export function stripDatasourceUrls(schema: string): string {
  const lines = schema.split('\n');
  let inDatasource = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const trimmed = line.trim();
    if (!inDatasource) {
      if (/^datasource\s+\w+\s*\{/.test(trimmed)) inDatasource = !trimmed.includes('}');
      continue;
    }
    if (trimmed.startsWith('}')) {
      inDatasource = false;
      continue;
    }
    const key = /^(\w+)\s*=/.exec(trimmed)?.[1];
    if (key !== undefined && URL_KEYS.has(key)) lines[i] = '';
  }
  return lines.join('\n');
}

/** Rewrites `provider = "..."` inside datasource blocks, e.g. to run the SQLite blog fixture on PostgreSQL. */
export function setDatasourceProvider(schema: string, provider: string): string {
  return schema.replace(/(datasource\s+\w+\s*\{[^}]*?provider\s*=\s*)"[^"]*"/g, `$1"${provider}"`);
}
