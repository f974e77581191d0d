// Small helpers over plain JSON Schema objects (draft-7, as z.toJSONSchema writes them).

/** A JSON Schema node; `true`/`false` schemas never reach here (zod does not write them). */
export type Schema = { [keyword: string]: unknown };

export type Definitions = Readonly<Record<string, Schema>>;

export function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The definition name a `$ref` points at (`#/definitions/IntFilter` → `IntFilter`). */
export function refName(node: Schema): string | undefined {
  const ref = node['$ref'];
  return typeof ref === 'string' && ref.startsWith('#/definitions/') ? ref.slice('#/definitions/'.length) : undefined;
}

/** `node` with `$ref`s and single-member `allOf` wrappers followed (zod wraps refs that carry a description). */
export function resolve(node: Schema, defs: Definitions): Schema {
  let current = node;
  for (let hops = 0; hops < 16; hops++) {
    const name = refName(current);
    const allOf = current['allOf'];
    if (name !== undefined && defs[name]) current = defs[name]!;
    else if (Array.isArray(allOf) && allOf.length === 1 && isSchema(allOf[0])) current = allOf[0];
    else break;
  }
  return current;
}

export function properties(node: Schema): Record<string, Schema> {
  const props = node['properties'];
  return isSchema(props) ? (props as Record<string, Schema>) : {};
}

/**
 * The alternatives a value schema admits, one keyword each (`{ type }` or `{ enum }`), following
 * refs and `anyOf`; undefined when some branch admits any value (a Json column).
 */
export function valueBranches(node: Schema, defs: Definitions): Schema[] | undefined {
  const v = resolve(node, defs);
  let branches: Schema[] | undefined;
  if (Array.isArray(v['enum'])) branches = [{ enum: v['enum'] }];
  else if (typeof v['type'] === 'string') branches = [{ type: v['type'] }];
  else if (Array.isArray(v['type'])) branches = v['type'].map((type) => ({ type }));
  else if (Array.isArray(v['anyOf'])) {
    const nested = v['anyOf'].filter(isSchema).map((b) => valueBranches(b, defs));
    branches = nested.some((b) => b === undefined) ? undefined : nested.flatMap((b) => b!);
  }
  if (!branches) return undefined;
  const seen = new Set<string>();
  return branches.filter((b) => !seen.has(JSON.stringify(b)) && !!seen.add(JSON.stringify(b)));
}

/** `{ anyOf: branches }`, or the one branch. */
export function union(branches: readonly Schema[]): Schema {
  return branches.length === 1 ? branches[0]! : { anyOf: [...branches] };
}
