// Keeps `definitions` to what a schema still uses after it was made lean: unreferenced ones go,
// and one referenced once is written in place (a `$ref` costs more than it saves there).
import { isSchema, refName, type Schema } from './json-schema.js';

function countRefs(node: unknown, counts: Map<string, number>): void {
  if (Array.isArray(node)) node.forEach((n) => countRefs(n, counts));
  else if (isSchema(node)) {
    const name = refName(node);
    if (name !== undefined) counts.set(name, (counts.get(name) ?? 0) + 1);
    for (const [key, value] of Object.entries(node)) if (key !== 'definitions') countRefs(value, counts);
  }
}

/** Names reachable from `root`'s body, with how often each is referenced from reachable places. */
function reachable(root: Schema, defs: Readonly<Record<string, Schema>>): Map<string, number> {
  const counts = new Map<string, number>();
  countRefs(root, counts);
  const done = new Set<string>();
  for (let pending = [...counts.keys()]; pending.length > 0; ) {
    const name = pending.pop()!;
    if (done.has(name) || !defs[name]) continue;
    done.add(name);
    const before = new Set(counts.keys());
    countRefs(defs[name], counts);
    pending.push(...[...counts.keys()].filter((k) => !before.has(k)));
  }
  return counts;
}

function inline(node: unknown, defs: Readonly<Record<string, Schema>>, once: ReadonlySet<string>): unknown {
  if (Array.isArray(node)) return node.map((n) => inline(n, defs, once));
  if (!isSchema(node)) return node;
  const name = refName(node);
  if (name !== undefined && once.has(name) && Object.keys(node).length === 1) return inline(defs[name], defs, once);
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inline(v, defs, once)]));
}

/**
 * `root` (without definitions) given the definitions it may use: prunes and inlines them. Names
 * in `keep` stay definitions even when used once: their name says something (`DateTimeFilter`).
 */
export function withDefinitions(root: Schema, defs: Readonly<Record<string, Schema>>, keep: ReadonlySet<string> = new Set()): Schema {
  const counts = reachable(root, defs);
  const once = new Set(
    [...counts].filter(([name, n]) => n === 1 && defs[name] && !keep.has(name) && !selfReferencing(name, defs)).map(([name]) => name),
  );
  const body = inline(root, defs, once) as Schema;
  const kept = [...counts.keys()].filter((name) => defs[name] && !once.has(name)).sort();
  if (kept.length === 0) return body;
  return { ...body, definitions: Object.fromEntries(kept.map((name) => [name, inline(defs[name], defs, once)])) };
}

function selfReferencing(name: string, defs: Readonly<Record<string, Schema>>): boolean {
  const counts = new Map<string, number>();
  countRefs(defs[name], counts);
  return counts.has(name);
}
