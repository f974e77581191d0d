// What drives the size of a per-model tool's tools/list entry, read from the plan: the lean
// listing (templates/runtime/tools/listing/listing.ts) writes each filterable field once in a `where` (as a
// property, or by name in the description for wide models), field names again in name lists
// (select, orderBy, aggregate lists), relations by name and target, writable fields in `data`.
import type { ModelPlan, Operation } from '../plan/types.js';

/** Same threshold as the runtime's listing/where.ts: wider wheres list names by type. */
export const WIDE = 24;

const NOT_FILTERABLE = new Set(['Json', 'Bytes']);

export interface ToolFeatures {
  readonly op: Operation;
  /** Characters of the tool's name, title and the model's doc comment. */
  readonly text: number;
  /** Filterable fields (where), and the characters of their names. */
  readonly filterable: number;
  readonly filterableChars: number;
  readonly wide: boolean;
  /** Characters of enum values the where spells out. */
  readonly enumChars: number;
  /** All exposed fields (select, _count), and the characters of their names. */
  readonly fields: number;
  readonly fieldChars: number;
  /** Relations, and the characters of their names and targets. */
  readonly relations: number;
  readonly relationChars: number;
  /** Writable fields (create/update data) and unique key fields (get/update/delete where). */
  readonly writable: number;
  readonly writableChars: number;
  readonly keyChars: number;
}

const chars = (names: readonly string[]) => names.reduce((n, s) => n + s.length, 0);

export function toolFeatures(m: ModelPlan, op: Operation, enumValues: (name: string) => readonly string[]): ToolFeatures {
  const filterable = m.fields.filter((f) => !(f.kind === 'scalar' && NOT_FILTERABLE.has(f.type)));
  const name = m.toolNames[op] ?? '';
  return {
    op,
    text: name.length * 2 + (m.model.doc?.length ?? 0) + m.model.name.length,
    filterable: filterable.length,
    filterableChars: chars(filterable.map((f) => f.name)),
    wide: filterable.length > WIDE,
    enumChars: chars(filterable.flatMap((f) => (f.kind === 'enum' ? enumValues(f.type) : []))),
    fields: m.fields.length,
    fieldChars: chars(m.fields.map((f) => f.name)),
    relations: m.relations.length,
    relationChars: chars(m.relations.flatMap((r) => [r.field.name, r.target])),
    writable: m.writable.length,
    writableChars: chars(m.writable.map((f) => f.name)),
    keyChars: chars(m.keys.flatMap((k) => [...k.fields, k.clientKey])),
  };
}
