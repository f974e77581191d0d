/** Finding the tool files: plain fs, so a project without tools never loads ts-morph. */
import fs from 'node:fs';
import path from 'node:path';

/** Tool files under `dir`, sorted: `.ts`/`.mts`, not declarations, tests, or `_`-prefixed names. */
export function listToolFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      if (entry.name.startsWith('_') || entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.m?ts$/.test(entry.name) && !/\.d\.m?ts$/.test(entry.name) && !/\.(test|spec)\.m?ts$/.test(entry.name)) out.push(full);
    }
  };
  walk(dir);
  return out.sort();
}
