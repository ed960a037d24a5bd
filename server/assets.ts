/**
 * The one place the server reaches files it ships with: the example
 * workflows, desk settings and templates, the built UI and the API docs
 * renderer. When the desk is packaged as one
 * executable, only this module changes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { parseTemplateFile, type TemplateSource } from './engine/templates.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface ShippedDefaults {
  desk: unknown;
  workflows: unknown[];
  templates: ({ name: string; locale: string } & TemplateSource)[];
}

/** The templates under templates/<locale>/<name>.hbs. */
export function shippedTemplates(): ShippedDefaults['templates'] {
  const templateDir = join(root, 'templates');
  return readdirSync(templateDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((locale) =>
      readdirSync(join(templateDir, locale.name))
        .filter((f) => f.endsWith('.hbs'))
        .sort()
        .map((f) => ({ name: f.replace(/\.hbs$/, ''), locale: locale.name, ...parseTemplateFile(readFileSync(join(templateDir, locale.name, f), 'utf8')) })),
    );
}

export function shippedDefaults(): ShippedDefaults {
  const workflowDir = join(root, 'workflows');
  const files = readdirSync(workflowDir).filter((f) => f.endsWith('.json') && f !== 'desk.json' && !f.endsWith('.schema.json')).sort();
  return {
    desk: JSON.parse(readFileSync(join(workflowDir, 'desk.json'), 'utf8')),
    workflows: files.map((f) => JSON.parse(readFileSync(join(workflowDir, f), 'utf8'))),
    templates: shippedTemplates(),
  };
}

/** The built UI, when `npm run build:ui` has run. */
export const uiDistDir = join(root, 'ui', 'dist');

/**
 * The API docs renderer (Redoc's standalone bundle, no telemetry), served at
 * /api/docs/assets/ so the docs work without internet access. Only
 * `apiDocsScript` in it is served.
 */
export const apiDocsDir = join(dirname(createRequire(import.meta.url).resolve('redoc/package.json')), 'bundles');

/** The renderer's one file in `apiDocsDir`. */
export const apiDocsScript = 'redoc.standalone.js';
