/**
 * Which fields `init` writes into `fields.exclude`, and why. Secret-looking names are hidden by the
 * plan anyway (plan/secret.ts); init lists them so the config shows it. It also hides fields whose
 * name or `///` comment says they are internal, private or confidential (`internalNotes`,
 * `/// Staff only: private`): not secrets, but nothing an app meant for its users to read through
 * an AI client. The user removes the line to expose one.
 */
import type { Field, Model } from '../ir/types.js';
import { words } from '../plan/names.js';
import { looksSecret } from '../plan/secret.js';

export type HiddenReason = 'looks secret' | 'name says' | 'comment says';

const NAME_WORDS = new Set(['internal', 'private', 'confidential']);
const DOC_WORDS = /\b(internal|private|secret|confidential|do not expose|never expose|staff only|admin only)\b/i;
/** `isPrivate`, `hasInternalNotes`: flags about visibility, useful to filter on, not the content. */
const FLAG_HEAD = new Set(['is', 'has']);

function internalBy(field: Field): HiddenReason | undefined {
  if (field.kind === 'relation' || field.isId || field.isUnique || field.isForeignKey) return undefined;
  // A Boolean cannot hold private content; its comment describes what it flags.
  if (field.kind === 'scalar' && field.type === 'Boolean') return undefined;
  const ws = words(field.name);
  if (!FLAG_HEAD.has(ws[0] ?? '') && ws.some((w) => NAME_WORDS.has(w))) return 'name says';
  if (field.doc && DOC_WORDS.test(field.doc)) return 'comment says';
  return undefined;
}

/** The fields init hides, in schema order, each with its reason. */
export function hiddenFields(model: Model): { name: string; reason: HiddenReason }[] {
  const out: { name: string; reason: HiddenReason }[] = [];
  for (const f of model.fields) {
    if (f.kind === 'relation') continue;
    const reason = looksSecret(f.name) ? 'looks secret' : internalBy(f);
    if (reason) out.push({ name: f.name, reason });
  }
  return out;
}

/** The config comment above a model with hidden fields: `password: its name looks secret; …`. */
export function hiddenComment(hidden: readonly { name: string; reason: HiddenReason }[]): string {
  const say: Record<HiddenReason, string> = {
    'looks secret': 'the name looks secret',
    'name says': 'the name says internal or private',
    'comment says': 'its /// comment says internal or private',
  };
  const groups = new Map<HiddenReason, string[]>();
  for (const h of hidden) groups.set(h.reason, [...(groups.get(h.reason) ?? []), h.name]);
  return `hidden: ${[...groups].map(([reason, names]) => `${names.join(', ')} (${say[reason]})`).join('; ')}`;
}
