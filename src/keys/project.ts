/** Opens the project's database for `mcp-gen keys`: config → schema → key model → the user's db module. */
import { loadConfig } from '../config/load.js';
import { loadSchema } from '../parse/index.js';
import { KeysError } from './errors.js';
import { loadProjectDb } from './load-db.js';
import { keyModelInfo, type KeyModelInfo } from './model-info.js';

export interface KeysProject {
  readonly db: unknown;
  readonly model: KeyModelInfo;
  readonly toolsets: readonly string[];
  close(): Promise<void>;
}

export async function openKeysProject(root: string, configFile?: string): Promise<KeysProject> {
  const { config } = await loadConfig(root, configFile);
  if (config.auth === 'none') {
    throw new KeysError("auth is 'none' in mcp-gen.config.ts: set auth: { apiKeys: true, user: { model, info } } to use API keys");
  }
  const ir = await loadSchema({ root, schema: config.schema });
  const model = keyModelInfo(ir, config.auth);
  const { prisma, disconnect } = await loadProjectDb(root, config.db);
  return { db: prisma, model, toolsets: Object.keys(config.toolsets).sort(), close: disconnect };
}
