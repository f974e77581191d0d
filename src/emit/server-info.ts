/**
 * `server-info.ts`: how the server introduces itself, as plain data (plan.server): the
 * `serverInfo` fields, the instructions per endpoint, and the icons, project files inlined
 * (base64) so the server serves them without reading the disk at run time.
 */
import type { IconPlan, Plan } from '../plan/types.js';
import { importBlock } from './imports.js';
import { jsDoc, objectLiteral, str, strList, type GeneratedFile } from './ts.js';

export const SERVER_INFO_FILE = 'server-info.ts';

function iconLiteral(icon: IconPlan, files: ReadonlyMap<string, Uint8Array>): string {
  const entries: [string, string][] =
    'file' in icon
      ? [['name', str(icon.name)], ['mimeType', str(icon.mimeType)], ['base64', str(Buffer.from(files.get(icon.file) ?? new Uint8Array()).toString('base64'))]]
      : [['src', str(icon.src)], ...(icon.mimeType ? [['mimeType', str(icon.mimeType)] as [string, string]] : [])];
  if (icon.sizes) entries.push(['sizes', strList(icon.sizes)]);
  if (icon.theme) entries.push(['theme', str(icon.theme)]);
  return objectLiteral(entries, '    ');
}

/** `icons`: the bytes of every icon file, by its path relative to the project root (read by generate). */
export function emitServerInfo(plan: Plan, icons: ReadonlyMap<string, Uint8Array> = new Map()): GeneratedFile {
  const s = plan.server;
  const entries: [string, string][] = [['name', str(s.name)], ['title', str(s.title)], ['version', str(s.version)]];
  if (s.websiteUrl) entries.push(['websiteUrl', str(s.websiteUrl)]);
  if (s.icons.length) entries.push(['icons', `[\n${s.icons.map((i) => `    ${iconLiteral(i, icons)},`).join('\n')}\n  ]`]);
  if (s.instructions !== undefined) entries.push(['instructions', str(s.instructions)]);
  const perToolset = Object.entries(s.toolsetInstructions);
  if (perToolset.length) entries.push(['toolsetInstructions', objectLiteral(perToolset.map(([k, v]) => [k, v === null ? 'null' : str(v)]), '  ')]);
  const body = `{\n${entries.map(([k, v]) => `  ${k}: ${v},`).join('\n')}\n}`;
  return {
    path: SERVER_INFO_FILE,
    content: `${jsDoc('How this server introduces itself (config `server`): serverInfo, icons, and the instructions per endpoint.')}${importBlock(SERVER_INFO_FILE, [
      { from: 'runtime/mcp/identity.ts', names: ['ServerIdentity'], typeOnly: true },
    ], plan.importExtension)}\nexport const serverInfo: ServerIdentity = ${body};\n`,
  };
}
