// What every builder takes, and the annotations per kind of tool.
import { z } from 'zod';
import { shared } from '../data/filters.js';
import type { ModelSpec, ToolAnnotations } from '../core/spec.js';

export interface ToolMeta {
  /** Tool name, e.g. `list_blog_posts`. */
  readonly name: string;
  readonly toolset: string;
  readonly title: string;
  readonly description: string;
}

export function readAnnotations(title: string): ToolAnnotations {
  return { title, readOnlyHint: true, idempotentHint: true, openWorldHint: false };
}

export function createAnnotations(title: string): ToolAnnotations {
  return { title, readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false };
}

export function changeAnnotations(title: string): ToolAnnotations {
  return { title, readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false };
}

/** `row` extended with the related rows (to-many: array, to-one: object or null), all optional. */
export function rowWithRelated(spec: ModelSpec<any>, row: z.ZodType, related: Readonly<Record<string, z.ZodType>> = {}): z.ZodObject {
  const extra = Object.fromEntries(
    Object.entries(related).map(([name, schema]) => {
      const relation = spec.relations[name]!;
      // One definition per related model, however many relations (or self-relations) point at it.
      const row = shared(`${relation.model}Row`, () => (schema as z.ZodObject).extend({}));
      return [name, (relation.list ? z.array(row) : row.nullable()).optional()];
    }),
  );
  return (row as z.ZodObject).extend(extra);
}

/** `z.enum` over names, or undefined when there are none (zod enums cannot be empty). */
export function enumOf(names: readonly string[]): z.ZodEnum | undefined {
  return names.length > 0 ? z.enum(names as [string, ...string[]]) : undefined;
}
