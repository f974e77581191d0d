/** Writes user-owned files exactly once: an existing file is never touched (exclusive create). */
import fs from 'node:fs/promises';
import path from 'node:path';

export async function writeNewFiles(root: string, files: readonly (readonly [string, string])[]) {
  const written: string[] = [];
  const skipped: string[] = [];
  for (const [rel, content] of files) {
    const abs = path.join(root, rel);
    await fs.mkdir(path.dirname(abs), { recursive: true });
    try {
      await fs.writeFile(abs, content, { flag: 'wx' });
      written.push(rel);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      skipped.push(rel);
    }
  }
  return { written, skipped };
}
