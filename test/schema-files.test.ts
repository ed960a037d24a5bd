/** The committed JSON Schema files must match the zod schemas they are derived from. */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { jsonSchemaFiles } from '../server/engine/workflow/json-schema.ts';

it.each(Object.entries(jsonSchemaFiles()))('workflows/%s is up to date (run `npm run schema` if not)', (name, generated) => {
  const committed = readFileSync(new URL(`../workflows/${name}`, import.meta.url), 'utf8');
  expect(committed).toBe(generated);
});
