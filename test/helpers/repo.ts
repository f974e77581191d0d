import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the mcp-gen repository root. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Absolute path of an executable in the repo's node_modules/.bin (or a package's bin file). */
export const repoBin = (relative: string) => path.join(repoRoot, 'node_modules', relative);
