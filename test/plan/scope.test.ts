import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build.js';
import { PlanError } from '../../src/plan/errors.js';
import type { ScopeFilter, ScopeFunction } from '../../src/config/types.js';
import { config, enumField, id, ir, many, model, relation, scalar } from './ir.js';

const apiKeys = { apiKeys: true as const, user: { model: 'User', info: ['id', 'email'] } };

/** Notes owned by users; patients reachable through clinic memberships. */
const schema = ir(
  [
    model('User', [id(), scalar('email', 'String', { isUnique: true }), scalar('orgId', 'String', { isRequired: false }), many('notes', 'Note'), many('memberships', 'Membership')]),
    model('Note', [
      id(),
      scalar('title', 'String'),
      enumField('status', 'Status', { hasDefault: true }),
      scalar('archived', 'Boolean', { hasDefault: true }),
      relation('author', 'User', { fromFields: ['authorId'], toFields: ['id'] }),
      scalar('authorId', 'Int', { isForeignKey: true }),
      scalar('orgId', 'String'),
    ]),
    model('Clinic', [id(), scalar('name', 'String'), many('memberships', 'Membership'), many('patients', 'Patient')]),
    model('Membership', [id(), relation('clinic', 'Clinic', { fromFields: ['clinicId'], toFields: ['id'] }), scalar('clinicId', 'Int'), relation('user', 'User', { fromFields: ['userId'], toFields: ['id'] }), scalar('userId', 'Int')]),
    model('Patient', [id(), scalar('name', 'String'), relation('clinic', 'Clinic', { fromFields: ['clinicId'], toFields: ['id'] }), scalar('clinicId', 'Int')]),
    model('McpApiKey', [id()]),
  ],
  [{ name: 'Status', values: ['DRAFT', 'DONE'] }],
);

const scoped = (name: string, scope: ScopeFilter | ScopeFunction, mc: object = {}) =>
  config({ auth: apiKeys, toolsets: { app: { models: { [name]: { scope, ...mc } } } } });

function problems(scope: ScopeFilter | ScopeFunction, name = 'Note'): string[] {
  try {
    buildPlan(schema, scoped(name, scope));
  } catch (error) {
    if (error instanceof PlanError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a PlanError');
}

describe('scope: accepted filters', () => {
  it('turns an owner column into a filter and a fixed field, and takes it out of writable', () => {
    const p = buildPlan(schema, scoped('Note', { authorId: '$user.id' }, { operations: ['list', 'create', 'update'] })).models[0]!;
    expect(p.scope).toEqual({
      kind: 'filter',
      where: { kind: 'object', entries: [['authorId', { kind: 'user', field: 'id' }]] },
      fixed: [['authorId', 'id']],
    });
    expect(p.writable.map((f) => f.name)).toEqual(['title', 'status', 'archived', 'orgId']);
  });

  it('notes when an explicitly writable field is fixed by the scope', () => {
    const p = buildPlan(schema, scoped('Note', { authorId: '$user.id' }, { operations: ['update'], writable: ['title', 'authorId'] }));
    expect(p.models[0]!.writable.map((f) => f.name)).toEqual(['title']);
    expect(p.notes).toContain('Note.authorId is set from the scope ($user.id) and is not writable');
  });

  it('finds fixed fields in equals objects and inside a top-level AND, not under OR', () => {
    const p = buildPlan(
      schema,
      scoped('Note', { AND: [{ authorId: { equals: '$user.id' } }, { orgId: '$user.orgId' }], OR: [{ title: '$user.email' }], archived: false }),
    ).models[0]!;
    expect(p.scope?.kind === 'filter' && p.scope.fixed).toEqual([['authorId', 'id'], ['orgId', 'orgId']]);
  });

  it('walks relations with some/every/none/is/isNot and to-one shorthand', () => {
    const p = buildPlan(schema, scoped('Patient', { clinic: { memberships: { some: { userId: '$user.id' } } } })).models[0]!;
    expect(p.scope).toEqual({
      kind: 'filter',
      where: {
        kind: 'object',
        entries: [['clinic', { kind: 'object', entries: [['memberships', { kind: 'object', entries: [['some', { kind: 'object', entries: [['userId', { kind: 'user', field: 'id' }]] }]] }]] }]],
      },
      fixed: [],
    });
    expect(() => buildPlan(schema, scoped('Patient', { clinic: { is: { memberships: { none: { user: { isNot: { email: 'x' } } } } } } }))).not.toThrow();
  });

  it('accepts operator objects, literals of the right type, in-lists and mode', () => {
    const p = buildPlan(schema, scoped('Note', { status: { in: ['DRAFT', 'DONE'] }, title: { contains: 'a', mode: 'insensitive' }, NOT: { archived: true }, orgId: { not: 'x' } }));
    const s = p.models[0]!.scope;
    expect(s?.kind === 'filter' && s.where.kind === 'object' && s.where.entries.map(([k]) => k)).toEqual(['status', 'title', 'NOT', 'orgId']);
  });

  it('the function escape hatch sets scopesModule', () => {
    const p = buildPlan(schema, scoped('Note', { function: 'noteScope' }));
    expect(p.models[0]!.scope).toEqual({ kind: 'function', exportName: 'noteScope' });
    expect(p.scopesModule).toBe('src/mcp/scopes.ts');
  });
});

describe('scope: refused filters, each with its key path', () => {
  it.each<[string, ScopeFilter, string[], string?]>([
    ['unknown field', { autorId: '$user.id' }, ['toolsets.app.models.Note.scope.autorId: unknown field "autorId" on Note (did you mean "authorId"?). Fields: archived, author, authorId, id, orgId, status, title']],
    ['unknown user field', { authorId: '$user.uid' }, ['toolsets.app.models.Note.scope.authorId: unknown user field "uid" in "$user.uid" (did you mean "id"?). User fields: email, id, orgId']],
    ['bad placeholder', { authorId: '$usr.id' }, ['toolsets.app.models.Note.scope.authorId: unknown placeholder "$usr.id"; placeholders look like "$user.id"']],
    ['type mismatch with the user field', { authorId: '$user.email' }, ['toolsets.app.models.Note.scope.authorId: Note.authorId is Int but $user.email is String']],
    ['literal of the wrong type', { archived: 'no' }, ['toolsets.app.models.Note.scope.archived: "no" does not fit Note.archived (Boolean)']],
    ['unknown enum value', { status: 'OPEN' }, ['toolsets.app.models.Note.scope.status: "OPEN" does not fit Note.status (enum Status)']],
    ['null on a required field', { title: null }, ['toolsets.app.models.Note.scope.title: null does not fit Note.title (String)']],
    ['unknown operator', { title: { startWith: 'a' } }, ['toolsets.app.models.Note.scope.title.startWith: unknown operator "startWith" for Note.title (did you mean "startsWith"?). Operators: equals, not, lt, lte, gt, gte, contains, startsWith, endsWith, in, notIn, mode']],
    ['nested unknown field through a relation', { author: { is: { emial: 'x' } } }, ['toolsets.app.models.Note.scope.author.is.emial: unknown field "emial" on User (did you mean "email"?). Fields: email, id, memberships, notes, orgId']],
    ['to-many without some/every/none', { clinic: { memberships: { userId: '$user.id' } } }, ['toolsets.app.models.Patient.scope.clinic.memberships: Clinic.memberships is a to-many relation: wrap the filter in some, every or none'], 'Patient'],
    ['to-one with some', { clinic: { some: { name: 'x' } } }, ['toolsets.app.models.Patient.scope.clinic.some: "some" does not apply to to-one relation Patient.clinic; use is, isNot'], 'Patient'],
    ['OR with an object', { OR: { title: 'x' } }, ['toolsets.app.models.Note.scope.OR: OR expects an array of filters, got an object']],
    ['array in AND with a bad item', { AND: [{ title: 'x' }, { nope: 1 }] }, ['toolsets.app.models.Note.scope.AND[1].nope: unknown field "nope" on Note. Fields: archived, author, authorId, id, orgId, status, title']],
  ])('%s', (_label, scope, want, name = 'Note') => {
    expect(problems(scope, name)).toEqual(want);
  });

  it("refuses a scope with auth 'none'", () => {
    expect(() => buildPlan(schema, config({ toolsets: { app: { models: { Note: { scope: { authorId: '$user.id' } } } } } }))).toThrow(
      "toolsets.app.models.Note.scope: a scope needs auth.apiKeys: with auth 'none' there is no user to scope rows by",
    );
  });


});
