// The error shapes Prisma 7 and its driver adapters produce, as captured from the real databases
// (see db-errors.test.ts for the end-to-end runs), mapped to one kind each; field names come only
// from the visible list.
import { describe, expect, it } from 'vitest';
import { classifyDbError, fieldsNamed } from '../../templates/runtime/data/db-errors.js';

const adapter = (cause: Record<string, unknown>) =>
  Object.assign(new Error('Database error'), { name: 'PrismaClientKnownRequestError', code: 'P2039', meta: { driverAdapterError: { name: 'DriverAdapterError', cause } } });

describe('classifyDbError', () => {
  it.each([
    ['pg check', adapter({ kind: 'postgres', code: '23514', originalMessage: 'new row for relation "posts" violates check constraint "posts_title_check"' }), 'check'],
    ['pg statement_timeout', adapter({ kind: 'postgres', code: '57014' }), 'timeout'],
    ['pg admin shutdown', adapter({ kind: 'postgres', code: '57P01' }), 'unavailable'],
    ['mariadb check', adapter({ kind: 'mysql', code: 4025, originalMessage: 'CONSTRAINT `posts_title_check` failed for `t`.`posts`' }), 'check'],
    ['mariadb max_statement_time', adapter({ kind: 'mysql', code: 1969 }), 'timeout'],
    ['mariadb refused', adapter({ kind: 'mysql', code: 45028, cause: 'connect ECONNREFUSED 127.0.0.1:1' }), 'unavailable'],
    ['mariadb pool busy', adapter({ kind: 'mysql', code: 45028 }), 'timeout'],
    ['sqlite check', adapter({ kind: 'sqlite', extendedCode: 1, originalCode: 'SQLITE_CONSTRAINT_CHECK' }), 'check'],
    ['sqlite busy', adapter({ kind: 'sqlite', extendedCode: 5, originalCode: 'SQLITE_BUSY' }), 'timeout'],
    ['parameter limit', Object.assign(new Error('x'), { code: 'P2029' }), 'too-large'],
    ['sqlite LIKE limit', adapter({ kind: 'sqlite', extendedCode: 1, originalCode: 'SQLITE_ERROR', message: 'LIKE or GLOB pattern too complex' }), 'too-large'],
    ['deadlock', Object.assign(new Error('x'), { code: 'P2034' }), 'conflict'],
    ['pg socket', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', syscall: 'connect', errno: -111 }), 'unavailable'],
    ['pg pool', new Error('timeout exceeded when trying to connect'), 'timeout'],
    ['pg terminated', new Error('Connection terminated unexpectedly'), 'unavailable'],
    ['missing argument', Object.assign(new Error('Argument `title` is missing.'), { name: 'PrismaClientValidationError' }), 'not-null'],
  ])('%s', (_, error, kind) => {
    expect(classifyDbError(error)?.kind).toBe(kind);
  });

  it('with prismaOnly, a socket error that Prisma did not raise is not the database', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(classifyDbError(refused)?.kind).toBe('unavailable');
    expect(classifyDbError(refused, true)).toBeUndefined();
    expect(classifyDbError(Object.assign(new Error('x'), { code: 'P1001' }), true)?.kind).toBe('unavailable');
  });

  it('leaves other errors alone', () => {
    expect(classifyDbError(new Error('boom'))).toBeUndefined();
    expect(classifyDbError(Object.assign(new Error('x'), { code: 'P2039', meta: {} }))).toBeUndefined();
    expect(classifyDbError('string')).toBeUndefined();
  });
});

describe('fieldsNamed', () => {
  it('finds visible fields as whole words, longest first, and nothing else', () => {
    expect(fieldsNamed(['posts_authorId_title_key'], ['id', 'title', 'authorId'])).toEqual(['authorId', 'title']);
    expect(fieldsNamed(['posts_author_id_key'], ['id', 'author_id'])).toEqual(['author_id']);
    expect(fieldsNamed(['posts_subtitle_key'], ['title'])).toEqual([]);
    expect(fieldsNamed(['internalNotes'], ['title'])).toEqual([]);
  });
});
