/**
 * Which import specifiers the project's TypeScript setup accepts, read from its tsconfig.json
 * (with `extends` followed by TypeScript itself), the way Prisma's `prisma-client` generator picks
 * its `importFileExtension`:
 *
 * - `allowImportingTsExtensions` (or `rewriteRelativeImportExtensions`): `./file.ts`;
 * - `moduleResolution: bundler` (also implied by `module: preserve`; create-next-app, Vite): `./file`;
 * - anything else, or no tsconfig.json: `./file.js` (NodeNext/Node16 need it; node10 accepts it).
 *
 * The config's `importFileExtension` overrides the guess.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { ImportExtension } from '../plan/types.js';
import { ConfigError } from './errors.js';
import type { ImportFileExtension } from './types.js';

export interface ImportStyle {
  readonly ext: ImportExtension;
  /** Where the choice came from, for `generate`'s notes and errors. */
  readonly reason: string;
}

const FROM_CONFIG: Record<ImportFileExtension, ImportExtension> = { js: '.js', ts: '.ts', '': '' };

export function importStyle(root: string, override: ImportFileExtension | undefined): ImportStyle {
  if (override !== undefined) return { ext: FROM_CONFIG[override], reason: `importFileExtension: '${override}' in the config` };
  const file = path.join(root, 'tsconfig.json');
  if (!fs.existsSync(file)) return { ext: '.js', reason: 'no tsconfig.json' };
  const { ts } = createRequire(import.meta.url)('ts-morph') as typeof import('ts-morph');
  const read = ts.readConfigFile(file, ts.sys.readFile);
  if (read.error) throw new ConfigError([], `tsconfig.json: ${ts.flattenDiagnosticMessageText(read.error.messageText, '\n')} (or set importFileExtension in the config)`);
  // No file listing: only the options matter (a large project's include globs would cost a walk).
  const host = { ...ts.sys, readDirectory: () => [] };
  const options = ts.parseJsonConfigFileContent(read.config, host, root, undefined, file).options;
  if (options.allowImportingTsExtensions || options.rewriteRelativeImportExtensions) {
    return { ext: '.ts', reason: `tsconfig.json: ${options.allowImportingTsExtensions ? 'allowImportingTsExtensions' : 'rewriteRelativeImportExtensions'}` };
  }
  const { Bundler } = ts.ModuleResolutionKind;
  if (options.moduleResolution === Bundler) return { ext: '', reason: 'tsconfig.json: moduleResolution bundler' };
  if (options.moduleResolution === undefined && options.module === ts.ModuleKind.Preserve) return { ext: '', reason: 'tsconfig.json: module preserve' };
  const named = options.moduleResolution === undefined ? `module ${ts.ModuleKind[options.module ?? ts.ModuleKind.None]}` : `moduleResolution ${ts.ModuleResolutionKind[options.moduleResolution]}`;
  return { ext: '.js', reason: `tsconfig.json: ${named.toLowerCase()}` };
}
