/**
 * The intermediate representation: our own small, readonly model of a Prisma schema.
 * Prisma's DMMF types stop at `src/parse/`; everything downstream imports only from here.
 */

export type Provider = 'sqlite' | 'postgresql' | 'mysql' | 'sqlserver' | 'cockroachdb' | 'mongodb';

export type ScalarType =
  | 'String'
  | 'Int'
  | 'Float'
  | 'Boolean'
  | 'DateTime'
  | 'BigInt'
  | 'Decimal'
  | 'Json'
  | 'Bytes';

/** Where a definition sits in the user's schema, for error messages ("prisma/schema.prisma:12"). */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
}

interface FieldBase {
  readonly name: string;
  /** Column name when `@map` differs from the field name. */
  readonly dbName?: string;
  /** `///` comment, trimmed. */
  readonly doc?: string;
  readonly isList: boolean;
  readonly isRequired: boolean;
  readonly loc?: SourceLocation;
}

export interface ScalarField extends FieldBase {
  readonly kind: 'scalar';
  readonly type: ScalarType;
  readonly isId: boolean;
  readonly isUnique: boolean;
  readonly hasDefault: boolean;
  readonly isUpdatedAt: boolean;
  /** Part of a relation's `fields: [...]` (a foreign key). */
  readonly isForeignKey: boolean;
  /** `@db.VarChar(255)` → `{ name: 'VarChar', args: ['255'] }`. */
  readonly nativeType?: { readonly name: string; readonly args: readonly string[] };
}

export interface EnumField extends FieldBase {
  readonly kind: 'enum';
  /** The enum's name. */
  readonly type: string;
  readonly isId: boolean;
  readonly isUnique: boolean;
  readonly hasDefault: boolean;
  readonly isForeignKey: boolean;
}

export interface RelationField extends FieldBase {
  readonly kind: 'relation';
  /** The related model's name. */
  readonly type: string;
  readonly relationName: string;
  /** Foreign-key fields on this side (empty on the back-relation side and for implicit m2m). */
  readonly fromFields: readonly string[];
  readonly toFields: readonly string[];
}

export type Field = ScalarField | EnumField | RelationField;
export type ValueField = ScalarField | EnumField;

export interface UniqueKey {
  /** Field names, in declaration order. */
  readonly fields: readonly string[];
  /**
   * The key Prisma Client uses in `WhereUniqueInput`: the field name for a single field,
   * otherwise the constraint's `name` or the fields joined with `_` (`authorId_title`).
   */
  readonly clientKey: string;
  readonly kind: 'id' | 'unique';
}

export interface Model {
  readonly name: string;
  readonly dbName?: string;
  readonly doc?: string;
  /** A `view` block: read-only. */
  readonly isView: boolean;
  readonly fields: readonly Field[];
  /** Primary key first (if any), then unique constraints in declaration order. */
  readonly uniqueKeys: readonly UniqueKey[];
  /** Fields declared as `Unsupported(...)`: invisible to Prisma Client, reported as notes. */
  readonly unsupportedFields: readonly string[];
  readonly loc?: SourceLocation;
}

export interface Enum {
  readonly name: string;
  readonly values: readonly string[];
  readonly doc?: string;
}

export interface SchemaIR {
  readonly provider: Provider;
  readonly models: readonly Model[];
  readonly enums: readonly Enum[];
  /** The schema files read, relative to the project root (one or many). */
  readonly files: readonly string[];
  /** The prisma client generator: provider and output folder (absolute), when present. */
  readonly client?: { readonly provider: string; readonly output?: string };
  readonly previewFeatures: readonly string[];
  /** One-line notes for the user (compatibility shims applied, fields skipped, …). */
  readonly notes: readonly string[];
}
