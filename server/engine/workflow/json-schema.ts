/**
 * The JSON Schema files derived from the zod schemas, so an admin's editor
 * autocompletes and checks the files in `workflows/`. Never edited by hand.
 */
import { z } from 'zod';
import { deskSettings } from '../desk/desk.schema.ts';
import { workflowDefinition } from './workflow.schema.ts';

function render(schema: z.ZodType, title: string): string {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...json, title }, null, 2)}\n`;
}

/** File name in `workflows/` → its content. */
export function jsonSchemaFiles(): Record<string, string> {
  return {
    'workflow.schema.json': render(workflowDefinition, 'Deskwright workflow'),
    'desk.schema.json': render(deskSettings, 'Deskwright desk settings'),
  };
}
