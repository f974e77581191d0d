/**
 * What generate reads of the project besides the config and schema: its package.json (the
 * server's default name and version) and the icon files `server.icons` names.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from './config/errors.js';
import { formatPath } from './config/format-issues.js';
import type { AppInfo, Plan } from './plan/types.js';

/** Icons are sent to every client that connects: small files only. */
export const MAX_ICON_BYTES = 256 * 1024;

/** `name` and `version` of `<root>/package.json`; nothing when it is missing or unreadable. */
export async function readAppInfo(root: string): Promise<AppInfo> {
  let pkg: unknown;
  try {
    pkg = JSON.parse(await fs.readFile(path.join(root, 'package.json'), 'utf8'));
  } catch {
    return {};
  }
  const { name, version } = (pkg ?? {}) as { name?: unknown; version?: unknown };
  return {
    ...(typeof name === 'string' && name.trim() ? { name: name.trim() } : {}),
    ...(typeof version === 'string' && version.trim() ? { version: version.trim() } : {}),
  };
}

/**
 * The bytes of every icon file, by its path relative to the root. A file that is missing, outside
 * the project (a symlink out of it), or too large is an error naming `server.icons[i].src`.
 */
export async function readIcons(root: string, plan: Plan, configFile = 'mcp-gen.config.ts'): Promise<Map<string, Uint8Array>> {
  const problems: string[] = [];
  const files = new Map<string, Uint8Array>();
  const realRoot = await fs.realpath(root);
  for (const [i, icon] of plan.server.icons.entries()) {
    if (!('file' in icon)) continue;
    const where = `${configFile}: ${formatPath(['server', 'icons', i, 'src'])}`;
    let real: string;
    try {
      real = await fs.realpath(path.resolve(root, icon.file));
    } catch {
      problems.push(`${where}: no file ${icon.file} in the project`);
      continue;
    }
    if (path.relative(realRoot, real).startsWith('..') || path.isAbsolute(path.relative(realRoot, real))) {
      problems.push(`${where}: ${icon.file} leads outside the project`);
      continue;
    }
    const stat = await fs.stat(real);
    if (!stat.isFile()) problems.push(`${where}: ${icon.file} is not a file`);
    else if (stat.size > MAX_ICON_BYTES) problems.push(`${where}: ${icon.file} is ${stat.size} bytes; icons may be at most ${MAX_ICON_BYTES} (256 KiB)`);
    else files.set(icon.file, new Uint8Array(await fs.readFile(real)));
  }
  if (problems.length) throw new ConfigError(problems);
  return files;
}
