/** `npm run schema`: rewrites workflows/*.schema.json from the zod schemas. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemaFiles } from './engine/workflow/json-schema.ts';

const dir = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', 'workflows');
for (const [name, content] of Object.entries(jsonSchemaFiles())) {
  writeFileSync(join(dir, name), content);
  console.log(`wrote workflows/${name}`);
}
