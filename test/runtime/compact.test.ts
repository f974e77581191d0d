// The per-model validators built from the registry (depth, shorthand), scope rewriting two levels
// down, and compact mode's describe text and error hints, on a small clinic-like registry.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatZodError } from '../../templates/runtime/core/errors.js';
import { argsSchema, normalize } from '../../templates/runtime/tools/compact/args.js';
import { describeModel, summaryLine } from '../../templates/runtime/tools/compact/describe.js';
import { hintFor } from '../../templates/runtime/tools/compact/hints.js';
import { compactTools } from '../../templates/runtime/tools/compact/tools.js';
import { rewriteWhere } from '../../templates/runtime/data/scope.js';
import type { ModelSpec } from '../../templates/runtime/core/spec.js';
import { defineRegistry, validatorsOf } from '../../templates/runtime/data/validators.js';
import { groupOrder } from '../../templates/runtime/data/group-by.js';

type U = { id: number };
const Kind = ['CHECKUP', 'URGENT'] as const;
const clinic: ModelSpec<U> = {
  name: 'Clinic', delegate: 'clinic', toolset: 'care', doc: 'A clinic.',
  fields: { id: { kind: 'Int' }, name: { kind: 'String', doc: 'Display name' } },
  relations: { patients: { model: 'Patient', list: true } },
  keys: [['id'], ['name']],
  scope: (u) => ({ members: { some: { userId: u.id } } }),
  defaultTake: 5, maxTake: 10,
};
const patient: ModelSpec<U> = {
  name: 'Patient', delegate: 'patient', toolset: 'care',
  fields: { id: { kind: 'Int' }, fullName: { kind: 'String' }, clinicId: { kind: 'Int' }, notes: { kind: 'Json', nullable: true } },
  relations: { clinic: { model: 'Clinic', list: false }, visits: { model: 'Visit', list: true } },
  keys: [['id'], ['clinicId', 'fullName']],
  keyNames: ['id', 'byClinicName'],
  scope: (u) => ({ clinic: { members: { some: { userId: u.id } } } }),
  operations: ['list', 'get', 'count', 'aggregate', 'create', 'update'],
  writable: ['fullName', 'clinicId', 'notes'], createOptional: ['notes'],
  defaultTake: 5, maxTake: 10,
};
const visit: ModelSpec<U> = {
  name: 'Visit', delegate: 'visit', toolset: 'care',
  fields: { id: { kind: 'Int' }, kind: { kind: 'Enum', enum: { name: 'Kind', values: Kind } }, at: { kind: 'DateTime' } },
  relations: { patient: { model: 'Patient', list: false } },
  keys: [['id']],
  relationDepth: 3,
  defaultTake: 5, maxTake: 10,
};
const models = defineRegistry({ Clinic: clinic, Patient: patient, Visit: visit });
const C = { members: { some: { userId: 7 } } };
const P = { clinic: C };
const user = { id: 7 };

const errors = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? 'ok' : formatZodError(r.error);
};

describe('validators from the registry', () => {
  it('accept relation filters down to relationDepth, the to-one shorthand included, and refuse deeper', () => {
    const where = validatorsOf(visit).where;
    expect(errors(where, { patient: { is: { clinic: { is: { name: 'North' } } } } })).toBe('ok');
    expect(errors(where, { patient: { fullName: 'Ada', clinic: { name: 'North' } } })).toBe('ok');
    expect(errors(where, { patient: { clinic: { patients: { every: { fullName: { startsWith: 'A' } } } } } })).toBe('ok');
    expect(errors(where, { patient: { clinic: { patients: { some: { visits: { some: {} } } } } } })).toMatch(/patient\.clinic\.patients\.some: unknown key "visits"/);
    expect(errors(where, { patient: { fullNme: 'Ada' } })).toBe('patient: unknown key "fullNme"');
    // Patient keeps the default depth (2): clinic → patients, no further.
    expect(errors(validatorsOf(patient).where, { clinic: { patients: { some: { clinic: { name: 'x' } } } } })).toMatch(/unknown key "clinic"/);
  });

  it('are built once per model, and their JSON Schema has no recursive or keyword-less members', () => {
    expect(validatorsOf(visit)).toBe(validatorsOf(visit));
    const json = JSON.stringify(z.toJSONSchema(z.object({ where: validatorsOf(visit).where }), { target: 'draft-7', io: 'input', unrepresentable: 'any' }));
    for (const id of ['PatientWhere2', 'ClinicWhere1', 'PatientScalarWhere']) expect(json).toContain(`"$ref":"#/definitions/${id}"`);
    expect(json).not.toMatch(/"type":\[/);
  });
});

describe('scope rewriting two levels down', () => {
  it('carries each model’s scope at every level, every → scoped none included', () => {
    expect(rewriteWhere(visit, models, { patient: { clinic: { name: 'North' } } }, user)).toEqual({
      patient: { is: { AND: [{ clinic: { is: { AND: [{ name: 'North' }, C] } } }, P] } },
    });
    expect(rewriteWhere(clinic, models, { patients: { every: { visits: { every: { id: 1 } } } } }, user)).toEqual({
      patients: { none: { AND: [P, { NOT: { visits: { every: { id: 1 } } } }] } },
    });
    expect(rewriteWhere(visit, models, { patient: { is: { clinic: { isNot: { patients: { every: { id: 2 } } } } } } }, user)).toEqual({
      patient: { is: { AND: [{ clinic: { isNot: { AND: [{ patients: { none: { AND: [P, { NOT: { id: 2 } }] } } }, C] } } }, P] } },
    });
  });
});

describe('compact mode', () => {
  it('describe_models text: one line per model, then the details a model needs', () => {
    expect(summaryLine(clinic)).toBe('Clinic: A clinic. [findMany findUnique findFirst count aggregate groupBy]');
    expect(summaryLine(patient)).toBe('Patient [findMany findUnique findFirst count aggregate groupBy | mutate: create update]');
    expect(describeModel(patient, models)).toBe(
      [
        '## Patient [findMany findUnique findFirst count aggregate groupBy | mutate: create update]',
        'fields:',
        '  id Int',
        '  fullName String',
        '  clinicId Int',
        '  notes Json? (not filterable)',
        'relations (where: to-one {is|isNot: {...}} or {...}; to-many {some|every|none: {...}}; 2 levels deep; include/select: { name: true }):',
        '  clinic → Clinic (one)',
        '  visits → Visit (many)',
        'filter operators (or a bare value for equals): Int: equals not in notIn lt lte gt gte; String: equals not in notIn lt lte gt gte contains startsWith endsWith',
        'unique where (findUnique, update, delete): { id } | { byClinicName: { clinicId, fullName } }',
        'orderBy / groupBy by: id, fullName, clinicId',
        '_sum/_avg: id, clinicId',
        '_min/_max: id, fullName, clinicId',
        "groupBy: orderBy a field of by or an aggregate ({ _count: { id: 'desc' } }); having { field: { _count: { gt: 1 } } }; take, skip",
        'create data: fullName, clinicId required; optional notes',
        'update data (any of): fullName, clinicId, notes',
        'rows: take default 5, max 10; findMany returns { items, nextCursor, hasMore }: pass nextCursor as cursor for the next page',
      ].join('\n'),
    );
    expect(describeModel(visit, models)).toMatch(/^ {2}kind Kind \(CHECKUP\|URGENT\)$/m);
  });

  it('hints name what describe_models shows for the path of the mistake', () => {
    expect(hintFor(visit, models, 'findMany', ['where', 'patient', 'is', 'clinic', 'nme'])).toBe('Clinic filters on: id, name; relations: patients');
    expect(hintFor(visit, models, 'findMany', ['where', 'OR', 0, 'at', 'contains'])).toBe('Visit.at takes: equals not in notIn lt lte gt gte');
    expect(hintFor(patient, models, 'update', ['where'])).toBe('Patient unique keys (set exactly one): id, byClinicName { clinicId, fullName }');
    expect(hintFor(patient, models, 'create', ['data'])).toBe('Patient create data: fullName, clinicId, notes (optional: notes)');
    expect(hintFor(patient, models, 'findMany', ['select'])).toBe('Patient select: id, fullName, clinicId, notes, clinic, visits');
  });

  it('args use the model’s validators after Prisma shorthands are normalized', () => {
    const findMany = argsSchema(patient, models, 'findMany');
    expect(errors(findMany, normalize({ orderBy: { fullName: 'desc', id: 'asc' }, select: { id: true, clinic: true } }))).toBe('ok');
    expect(errors(findMany, normalize({ orderBy: { notes: 'asc' } }))).toMatch(/orderBy\[0\]/);
    expect(errors(argsSchema(patient, models, 'create'), { data: { fullName: 'A' } })).toMatch(/data\.clinicId/);
    expect(errors(argsSchema(visit, models, 'groupBy'), normalize({ by: 'kind', _count: true }))).toBe('ok');
  });

  it('groupBy takes orderBy (aggregates included), having, take and skip, over exposed fields with each aggregate’s rules', () => {
    const groupBy = argsSchema(patient, models, 'groupBy');
    const ok = (a: Record<string, unknown>) => expect(errors(groupBy, normalize(a))).toBe('ok');
    ok({ by: ['clinicId'], _count: { _all: true }, orderBy: { _count: { id: 'desc' } }, take: 3, skip: 3 });
    ok({ by: ['clinicId'], orderBy: [{ _max: { fullName: 'asc' } }, { clinicId: 'desc' }], having: { id: { _count: { gt: 1 } }, clinicId: { _avg: { gte: 2 }, _max: { lt: 9 } } } });
    // Not exposed (or unknown) fields, aggregates a field does not have, two keys in one entry, bad values.
    expect(errors(groupBy, normalize({ by: ['clinicId'], orderBy: { _count: { passwordHash: 'desc' } } }))).toMatch(/orderBy\[0\]\._count/);
    expect(errors(groupBy, normalize({ by: ['clinicId'], orderBy: [{ _sum: { fullName: 'desc' } }] }))).toMatch(/orderBy\[0\]\._sum\.fullName: _sum takes id, clinicId/);
    expect(errors(groupBy, normalize({ by: ['clinicId'], orderBy: [{ notes: 'asc' }] }))).toMatch(/orderBy\[0\]/);
    expect(errors(groupBy, { by: ['clinicId'], orderBy: [{ clinicId: 'asc', id: 'desc' }] })).toMatch(/exactly one field or aggregate/);
    expect(errors(groupBy, normalize({ by: ['clinicId'], having: { fullName: { _sum: { gt: 1 } } } }))).toMatch(/having\.fullName\._sum: _sum is not available on fullName/);
    expect(errors(groupBy, normalize({ by: ['clinicId'], having: { secret: { _count: { gt: 1 } } } }))).toMatch(/having/);
    expect(errors(groupBy, normalize({ by: ['clinicId'], having: { id: { _count: { gt: 'x' } } } }))).toMatch(/having\.id\._count\.gt/);
    expect(errors(groupBy, normalize({ by: ['clinicId'], skip: -1 }))).toMatch(/skip/);
    // Prisma orders groups by fields of `by` only: anything else is refused by name, before a query.
    expect(() => groupOrder(['clinicId'], [{ fullName: 'asc' }])).toThrow('orderBy[0].fullName: not in by (clinicId)');
    expect(groupOrder(['clinicId', 'fullName'], [{ _count: { id: 'desc' } }, { fullName: 'desc' }])).toEqual([{ _count: { id: 'desc' } }, { fullName: 'desc' }, { clinicId: 'asc' }]);
  });

  it('tools: mutate only when a served model writes; query and mutate gate on the model’s toolset', () => {
    const readOnly = compactTools(models, ['Clinic', 'Visit']).map((t) => t.name);
    expect(readOnly).toEqual(['describe_models', 'query']);
    const tools = compactTools(models, ['Clinic', 'Patient', 'Visit']);
    const mutate = tools.find((t) => t.name === 'mutate')!;
    expect(mutate.gate!({ model: 'Patient', operation: 'create', args: {} })).toEqual({ access: 'write', toolset: 'care' });
    expect(mutate.gate!({ model: 'Nope' })).toBeUndefined();
    const listed = JSON.stringify(tools.map((t) => z.toJSONSchema(t.input, { target: 'draft-7', io: 'input', unrepresentable: 'any' })));
    expect(listed).not.toMatch(/:\{\}/);
    expect(listed).toContain('"args":{"type":"object"');
  });
});
