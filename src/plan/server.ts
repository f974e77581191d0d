/**
 * `server` → ServerPlan: the name, title and version clients see (defaults from the app's
 * package.json and `auth.oauth.app.name`), icons (project files get a MIME type and the name they
 * are served under), and the instructions per endpoint: generated (instructions.ts), then the
 * user's `server.instructions`, then on `/mcp/<toolset>` the toolset's own.
 */
import path from 'node:path';
import type { InstructionsConfig, ResolvedConfig } from '../config/types.js';
import { formatPath } from '../config/format-issues.js';
import type { Report } from './errors.js';
import { defaultInstructions, type InstructionsInput } from './instructions.js';
import type { AppInfo, IconPlan, ServerPlan } from './types.js';

/** Image types the server serves from project files, by extension. */
export const ICON_TYPES: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/** `user` applied to `base`: a string or `replace` replaces, `append` adds a paragraph, `false` drops them. */
export function applyInstructions(base: string | undefined, user: InstructionsConfig | undefined): string | undefined {
  if (user === undefined) return base;
  if (user === false) return undefined;
  if (typeof user === 'string') return user;
  if (user.mode === 'replace' || base === undefined) return user.text;
  return `${base}\n\n${user.text}`;
}

function planIcons(config: ResolvedConfig, report: Report): IconPlan[] {
  const taken = new Set<string>();
  return (config.server.icons ?? []).map((icon, i) => {
    const extra = { ...(icon.sizes ? { sizes: icon.sizes } : {}), ...(icon.theme ? { theme: icon.theme } : {}) };
    if (/^(https|data):/i.test(icon.src)) return { src: icon.src, ...(icon.mimeType ? { mimeType: icon.mimeType } : {}), ...extra };
    const file = icon.src.split(path.sep).join('/').replace(/^\.\//, '');
    const ext = path.posix.extname(file).toLowerCase();
    const mimeType = icon.mimeType ?? ICON_TYPES[ext];
    if (!ICON_TYPES[ext] || !mimeType) {
      report.problem(formatPath(['server', 'icons', i, 'src']), `expected a ${Object.keys(ICON_TYPES).join(', ')} file, got ${JSON.stringify(icon.src)}`);
    }
    // Served as `<path>/_icons/<name>`: the file's own name, made unique and URL-safe.
    const stem = path.posix.basename(file).replace(/[^\w.-]/g, '_');
    const name = taken.has(stem) ? `${i}-${stem}` : stem;
    taken.add(name);
    return { file, name, mimeType: mimeType ?? 'application/octet-stream', ...extra };
  });
}

/** npm names may carry a scope (`@acme/clinic`): clients show the name, so the scope goes. */
const bareName = (name: string) => name.replace(/^@[^/]+\//, '');

export function planServer(config: ResolvedConfig, app: AppInfo, input: Omit<InstructionsInput, 'title'>, report: Report): ServerPlan {
  const s = config.server;
  const appName = config.auth === 'none' ? undefined : config.auth.oauth && 'server' in config.auth.oauth ? config.auth.oauth.app?.name : undefined;
  const name = s.name ?? (app.name ? bareName(app.name) : undefined) ?? appName ?? 'mcp-server';
  const title = s.title ?? appName ?? name;
  const all = applyInstructions(defaultInstructions({ ...input, title }), s.instructions);
  const toolsetInstructions: Record<string, string | null> = {};
  for (const t of input.toolsets) {
    const own = config.toolsets[t.name]?.instructions;
    const text = applyInstructions(applyInstructions(defaultInstructions({ ...input, title }, t.name), s.instructions), own);
    if (text !== all) toolsetInstructions[t.name] = text ?? null;
  }
  return {
    name,
    title,
    version: s.version ?? app.version ?? '0.0.0',
    ...(s.websiteUrl ? { websiteUrl: s.websiteUrl } : {}),
    icons: planIcons(config, report),
    ...(all !== undefined ? { instructions: all } : {}),
    toolsetInstructions,
  };
}
