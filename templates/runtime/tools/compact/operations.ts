// Compact mode's operations in Prisma Client's names, and the per-model operation (spec.operations)
// each one needs. One list, read by describe_models, query/mutate and their argument checks.
import type { ModelSpec, Operation } from '../../core/spec.js';

export const QUERY_OPERATIONS = ['findMany', 'findUnique', 'findFirst', 'count', 'aggregate', 'groupBy'] as const;
export const MUTATE_OPERATIONS = ['create', 'update', 'delete'] as const;

export type QueryOperation = (typeof QUERY_OPERATIONS)[number];
export type MutateOperation = (typeof MUTATE_OPERATIONS)[number];
export type CompactOperation = QueryOperation | MutateOperation;

const NEEDS: Record<CompactOperation, Operation> = {
  findMany: 'list',
  findFirst: 'list',
  findUnique: 'get',
  count: 'count',
  aggregate: 'aggregate',
  groupBy: 'aggregate',
  create: 'create',
  update: 'update',
  delete: 'delete',
};

/** Operations absent from the spec default to the reads, as in the config. */
function allowed(spec: ModelSpec<any>): readonly Operation[] {
  return spec.operations ?? ['list', 'get', 'count', 'aggregate'];
}

/** The compact operations `spec` allows, queries then mutations. */
export function compactOperations(spec: ModelSpec<any>): { query: QueryOperation[]; mutate: MutateOperation[] } {
  const ops = new Set(allowed(spec));
  return {
    query: QUERY_OPERATIONS.filter((o) => ops.has(NEEDS[o])),
    mutate: MUTATE_OPERATIONS.filter((o) => ops.has(NEEDS[o])),
  };
}

export function allows(spec: ModelSpec<any>, operation: CompactOperation): boolean {
  return allowed(spec).includes(NEEDS[operation]);
}
