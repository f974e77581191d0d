/**
 * DMMF + generator/datasource config + the schema text → our IR. Pure: no disk, no env.
 * This is the only file that knows DMMF's shape.
 */
import path from 'node:path';
import type { Enum, Field, Model, Provider, ScalarType, SchemaIR, SourceLocation, UniqueKey } from '../ir/types.js';
import { SchemaError } from './errors.js';
import { type Block, isUnsupportedType, scanBlocks } from './schema-text.js';

/**
 * The parts of Prisma's DMMF `datamodel` (`get_datamodel`, the same JSON as `getDMMF().datamodel`)
 * that we read; the wasm answer carries more.
 */
export interface Datamodel {
  readonly models: readonly DmmfModel[];
  readonly enums: readonly DmmfEnum[];
}

interface DmmfModel {
  readonly name: string;
  readonly dbName: string | null;
  readonly documentation?: string;
  readonly fields: readonly DmmfField[];
  readonly primaryKey: { readonly name: string | null; readonly fields: readonly string[] } | null;
  readonly uniqueIndexes: readonly { readonly name: string | null; readonly fields: readonly string[] }[];
}

interface DmmfField {
  readonly name: string;
  readonly kind: 'scalar' | 'object' | 'enum' | 'unsupported';
  readonly type: string;
  readonly dbName?: string | null;
  readonly documentation?: string;
  readonly isList: boolean;
  readonly isRequired: boolean;
  readonly isId: boolean;
  readonly isUnique: boolean;
  readonly hasDefaultValue: boolean;
  readonly isUpdatedAt?: boolean;
  readonly relationName?: string | null;
  readonly relationFromFields?: readonly string[];
  readonly relationToFields?: readonly string[];
  /** `@db.VarChar(255)` → `['VarChar', ['255']]`. */
  readonly nativeType?: readonly [string, readonly string[]] | null;
}

interface DmmfEnum {
  readonly name: string;
  readonly values: readonly { readonly name: string }[];
  readonly documentation?: string;
}

/** The parts of `get_config`'s `config` (generators and datasources) that we read. */
export interface PrismaConfigMeta {
  readonly generators: readonly {
    readonly provider: { readonly value: string | null };
    readonly output: { readonly value: string | null } | null;
    readonly previewFeatures: readonly string[];
    readonly sourceFilePath: string;
  }[];
  readonly datasources: readonly { readonly activeProvider: string; readonly sourceFilePath: string }[];
}

export interface ToIrInput {
  readonly root: string;
  /** The user's files as written (not the shimmed copies): [pathRelativeToRoot, text]. */
  readonly files: readonly (readonly [string, string])[];
  readonly datamodel: Datamodel;
  readonly config: PrismaConfigMeta;
  /** Notes gathered before this stage (compatibility shims). */
  readonly notes: readonly string[];
}

const PROVIDERS: readonly Provider[] = ['sqlite', 'postgresql', 'mysql', 'sqlserver', 'cockroachdb', 'mongodb'];
const SCALARS: readonly string[] = ['String', 'Int', 'Float', 'Boolean', 'DateTime', 'BigInt', 'Decimal', 'Json', 'Bytes'];
const CLIENT_PROVIDERS = ['prisma-client', 'prisma-client-js'];

export function toIR(input: ToIrInput): SchemaIR {
  const blocks = input.files.flatMap(([file, text]) => scanBlocks(file, text));
  const blockOf = new Map<string, Block>();
  for (const b of blocks) if (b.kind === 'model' || b.kind === 'view' || b.kind === 'enum') blockOf.set(b.name, b);
  const order = (name: string): [number, number] => {
    const b = blockOf.get(name);
    return b ? [input.files.findIndex(([f]) => f === b.file), b.line] : [Number.MAX_SAFE_INTEGER, 0];
  };
  const bySchemaOrder = <T extends { name: string }>(items: readonly T[]): T[] =>
    [...items].sort((a, b) => {
      const [fa, la] = order(a.name);
      const [fb, lb] = order(b.name);
      return fa - fb || la - lb;
    });

  const notes = [...input.notes];
  const composite: string[] = [];
  const models = bySchemaOrder(input.datamodel.models).map((m) => toModel(m, blockOf.get(m.name), composite));
  if (composite.length > 0) notes.push(`skipped composite-type fields (not supported): ${composite.join(', ')}`);
  const ignored = ignoredParts(blocks);
  if (ignored) notes.push(ignored);

  const enums = bySchemaOrder(input.datamodel.enums).map(
    (e): Enum => withOptional({ name: e.name, values: e.values.map((v) => v.name) }, { doc: e.documentation }),
  );
  const client = input.config.generators.find((g) => CLIENT_PROVIDERS.includes(g.provider.value ?? ''));
  const previewFeatures = client
    ? [...client.previewFeatures]
    : [...new Set(input.config.generators.flatMap((g) => g.previewFeatures))].sort();
  return withOptional(
    {
      provider: providerOf(input.config),
      models,
      enums,
      files: input.files.map(([f]) => f),
      previewFeatures,
      notes,
    },
    {
      client: client
        ? withOptional(
            { provider: client.provider.value ?? '' },
            {
              output: client.output?.value
                ? path.resolve(input.root, path.dirname(client.sourceFilePath), client.output.value)
                : undefined,
            },
          )
        : undefined,
    },
  );
}

function providerOf(config: PrismaConfigMeta): Provider {
  const ds = config.datasources[0];
  if (!ds) throw new SchemaError('The Prisma schema has no `datasource` block; mcp-gen needs its `provider`.');
  const p = ds.activeProvider as Provider;
  if (!PROVIDERS.includes(p)) {
    throw new SchemaError(`${ds.sourceFilePath}: datasource provider "${ds.activeProvider}" is not supported (expected one of ${PROVIDERS.join(', ')}).`);
  }
  return p;
}

function toModel(m: DmmfModel, block: Block | undefined, composite: string[]): Model {
  const loc = (line: number | undefined): SourceLocation | undefined =>
    block && line !== undefined ? { file: block.file, line } : undefined;
  const lineOf = (name: string) => block?.fields.find((f) => f.name === name)?.line;
  const foreignKeys = new Set(m.fields.flatMap((f) => f.relationFromFields ?? []));
  const fields: Field[] = [];
  for (const f of m.fields) {
    if (f.kind === 'object' && !f.relationName) {
      composite.push(`${m.name}.${f.name}`);
      continue;
    }
    if (f.kind === 'unsupported') continue;
    fields.push(toField(f, foreignKeys.has(f.name), loc(lineOf(f.name))));
  }
  const unsupported = (block?.fields ?? []).filter((f) => isUnsupportedType(f.type)).map((f) => f.name);
  for (const f of m.fields) if (f.kind === 'unsupported' && !unsupported.includes(f.name)) unsupported.push(f.name);
  return withOptional(
    {
      name: m.name,
      isView: block?.kind === 'view',
      fields,
      uniqueKeys: uniqueKeysOf(m),
      unsupportedFields: unsupported,
    },
    { dbName: m.dbName ?? undefined, doc: m.documentation, loc: loc(block?.line) },
  );
}

function toField(f: DmmfField, isForeignKey: boolean, loc: SourceLocation | undefined): Field {
  const base = { name: f.name, isList: f.isList, isRequired: f.isRequired };
  const extra = { dbName: f.dbName ?? undefined, doc: f.documentation, loc };
  if (f.kind === 'object') {
    return withOptional(
      {
        ...base,
        kind: 'relation' as const,
        type: f.type,
        relationName: f.relationName ?? '',
        fromFields: [...(f.relationFromFields ?? [])],
        toFields: [...(f.relationToFields ?? [])],
      },
      extra,
    );
  }
  const value = { isId: f.isId, isUnique: f.isUnique, hasDefault: f.hasDefaultValue, isForeignKey };
  if (f.kind === 'enum') return withOptional({ ...base, kind: 'enum' as const, type: f.type, ...value }, extra);
  if (!SCALARS.includes(f.type)) throw new SchemaError(`Field type "${f.type}" of ${f.name} is not a known Prisma scalar.`);
  const native = f.nativeType ? { name: f.nativeType[0], args: [...f.nativeType[1]] } : undefined;
  return withOptional(
    { ...base, kind: 'scalar' as const, type: f.type as ScalarType, ...value, isUpdatedAt: f.isUpdatedAt ?? false },
    { ...extra, nativeType: native },
  );
}

function uniqueKeysOf(m: DmmfModel): UniqueKey[] {
  const keys: UniqueKey[] = [];
  const add = (fields: readonly string[], name: string | null | undefined, kind: UniqueKey['kind']) => {
    const clientKey = fields.length === 1 ? fields[0]! : (name ?? fields.join('_'));
    if (!keys.some((k) => k.clientKey === clientKey)) keys.push({ fields: [...fields], clientKey, kind });
  };
  if (m.primaryKey) add(m.primaryKey.fields, m.primaryKey.name, 'id');
  for (const f of m.fields) if (f.isId) add([f.name], null, 'id');
  for (const f of m.fields) if (f.isUnique) add([f.name], null, 'unique');
  for (const u of m.uniqueIndexes) add(u.fields, u.name, 'unique');
  return keys;
}

function ignoredParts(blocks: readonly Block[]): string | undefined {
  const parts: string[] = [];
  const files = new Set<string>();
  for (const b of blocks) {
    if (b.kind !== 'model' && b.kind !== 'view') continue;
    if (b.ignored) parts.push(`${b.kind} ${b.name}`);
    for (const f of b.fields) if (f.ignored && !b.ignored) parts.push(`field ${b.name}.${f.name}`);
    if (b.ignored || b.fields.some((f) => f.ignored)) files.add(b.file);
  }
  if (parts.length === 0) return undefined;
  return `${[...files].sort().join(', ')}: skipped @ignore'd ${parts.join(', ')} (Prisma Client does not expose them)`;
}

/** Adds only the optional members that have a value, so objects compare cleanly and stay minimal. */
function withOptional<T extends object, O extends Record<string, unknown>>(
  base: T,
  optional: O,
): T & { [K in keyof O]?: Exclude<O[K], undefined> } {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined && v !== null) out[k] = v;
  return out as T & { [K in keyof O]?: Exclude<O[K], undefined> };
}
