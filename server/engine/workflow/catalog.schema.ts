/** A published workflow as the service catalogue offers it to requesters. */
import { z } from 'zod';
import { formField, localisedText, workflowKinds } from './workflow.schema.ts';

export const catalogEntry = z.object({
  id: z.string(),
  version: z.number().int(),
  name: localisedText,
  description: localisedText.nullable(),
  kind: z.enum(workflowKinds),
  form: z.object({ fields: z.array(formField) }),
});
export type CatalogEntry = z.infer<typeof catalogEntry>;
