import { describe, expect, it } from 'vitest';
import { defaultToolName, delegateName, kebabCase, snakeCase } from '../../src/plan/names.js';
import { ALL_OPERATIONS } from '../../src/plan/types.js';

describe('tool names', () => {
  const cases: [string, Record<string, string>][] = [
    ['BlogPost', { list: 'list_blog_posts', get: 'get_blog_post', count: 'count_blog_posts', aggregate: 'aggregate_blog_posts', create: 'create_blog_post', update: 'update_blog_post', delete: 'delete_blog_post' }],
    ['Person', { list: 'list_people', get: 'get_person', count: 'count_people' }],
    ['Category', { list: 'list_categories', get: 'get_category' }],
    // Uncountable: singular and plural agree; the verb keeps the tools apart.
    ['Equipment', { list: 'list_equipment', get: 'get_equipment', count: 'count_equipment' }],
    ['URLMap', { list: 'list_url_maps', get: 'get_url_map' }],
    ['user_profile', { list: 'list_user_profiles', get: 'get_user_profile' }],
    ['Address2', { list: 'list_address2s', get: 'get_address2' }],
  ];
  it.each(cases)('%s', (modelName, want) => {
    for (const [op, name] of Object.entries(want)) {
      expect(defaultToolName(modelName, op as (typeof ALL_OPERATIONS)[number])).toBe(name);
    }
  });
  it('every default name is a valid tool name', () => {
    for (const m of ['BlogPost', 'Person', 'URLMap', 'Equipment', 'X']) {
      for (const op of ALL_OPERATIONS) expect(defaultToolName(m, op)).toMatch(/^[a-z][a-z0-9_]*$/);
    }
  });
});

describe('delegate and file names', () => {
  it.each([
    ['BlogPost', 'blogPost', 'blog-post', 'blog_post'],
    ['URLMap', 'uRLMap', 'url-map', 'url_map'],
    ['user', 'user', 'user', 'user'],
    ['HTTPRequestLog', 'hTTPRequestLog', 'http-request-log', 'http_request_log'],
  ])('%s → %s, %s', (m, delegate, file, snake) => {
    expect(delegateName(m)).toBe(delegate);
    expect(kebabCase(m)).toBe(file);
    expect(snakeCase(m)).toBe(snake);
  });
});
