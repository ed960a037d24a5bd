/**
 * The variables a template may use, read from the one definition of the
 * render context (`templateContext` and `templateRecipient`), each with its
 * description and its value in a given context, so the editor's list can
 * never drift from what the engine renders with.
 */
import { z } from 'zod';
import { templateContext, templateRecipient } from './template.schema.ts';

export interface TemplateVariable {
  /** What goes between the braces, e.g. `ticket.queue.name`. */
  path: string;
  description: string;
  /** Its value in the context given (a list or object as JSON text). */
  example: string | number | boolean | null;
}

const renderShape = templateContext.extend({ recipient: templateRecipient });

function exampleOf(value: unknown): TemplateVariable['example'] {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let v = root;
  for (const key of path) v = v && typeof v === 'object' && Object.hasOwn(v, key) ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

function walk(schema: z.ZodType, path: string[], root: unknown, description: string | undefined, out: TemplateVariable[]): void {
  const said = schema.description ?? description;
  if (schema instanceof z.ZodNullable || schema instanceof z.ZodOptional) {
    walk(schema.unwrap() as z.ZodType, path, root, said, out);
    return;
  }
  // Localised text (an object with a catch-all) reaches the template as one string in its language.
  if (schema instanceof z.ZodObject && !schema._zod.def.catchall) {
    for (const [key, child] of Object.entries(schema.shape)) walk(child as z.ZodType, [...path, key], root, undefined, out);
    return;
  }
  if (schema instanceof z.ZodRecord) {
    // Form answers: one variable per key the context has (the sample's or a real ticket's).
    const value = valueAt(root, path);
    const keys = value && typeof value === 'object' ? Object.keys(value) : [];
    for (const key of keys) out.push({ path: [...path, key].join('.'), description: said ?? '', example: exampleOf(valueAt(root, [...path, key])) });
    return;
  }
  out.push({ path: path.join('.'), description: said ?? '', example: exampleOf(valueAt(root, path)) });
}

/** Every variable of the render context, in the context's order, with its value in `rendered` (what `renderContext` gives). */
export function templateVariables(rendered: unknown): TemplateVariable[] {
  const out: TemplateVariable[] = [];
  walk(renderShape, [], rendered, undefined, out);
  return out;
}
