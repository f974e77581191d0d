/** Tool, delegate and file names derived from model names. */
import pluralize from 'pluralize';
import type { Operation } from './types.js';

/** `BlogPost` → `['blog', 'post']`, `URLMap` → `['url', 'map']`, `blog_post2` → `['blog', 'post2']`. */
export function words(name: string): string[] {
  return (name.match(/[A-Z]+(?![a-z])\d*|[A-Z]?[a-z]+\d*|\d+/g) ?? []).map((w) => w.toLowerCase());
}

export function snakeCase(name: string): string {
  return words(name).join('_');
}

export function kebabCase(name: string): string {
  return words(name).join('-');
}

/** Prisma Client's property for a model: only the first character is lowercased (`URLMap` → `uRLMap`). */
export function delegateName(model: string): string {
  return model.charAt(0).toLowerCase() + model.slice(1);
}

/**
 * Model names are singular by convention; the plural form pluralizes the last word only
 * (`BlogPost` → `blog_posts`, `Person` → `people`). Uncountable words stay as they are
 * (`Equipment` → `list_equipment`, `get_equipment`): the verb already tells the tools apart.
 */
export function nameForms(model: string): { singular: string; plural: string } {
  const ws = words(model);
  const last = ws.pop() ?? model.toLowerCase();
  const singular = [...ws, last].join('_');
  const pluralLast = /^\d+$/.test(last) ? last : pluralize.plural(last);
  return { singular, plural: [...ws, pluralLast].join('_') };
}

export function defaultToolName(model: string, op: Operation): string {
  const { singular, plural } = nameForms(model);
  switch (op) {
    case 'list':
    case 'count':
    case 'aggregate':
      return `${op}_${plural}`;
    case 'get':
    case 'create':
    case 'update':
    case 'delete':
      return `${op}_${singular}`;
  }
}
