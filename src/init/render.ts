/** Renders templates/init/*.hbs with precomputed view models (no logic in the templates). */
import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';

const DIR = fileURLToPath(new URL('../../templates/init/', import.meta.url));

export async function render(template: string, view: object): Promise<string> {
  const hb = Handlebars.create();
  hb.registerHelper('json', (value: unknown) => JSON.stringify(value).replace(/"/g, "'").replace(/,/g, ', '));
  const source = await fs.readFile(`${DIR}${template}`, 'utf8');
  return hb.compile(source, { noEscape: true, strict: true })(view);
}
