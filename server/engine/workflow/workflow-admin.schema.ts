/** How workflows look to admins: list entries, drafts and published versions. */
import { z } from 'zod';
import { localisedText, workflowDefinition } from './workflow.schema.ts';

export const workflowSummary = z.object({
  id: z.string(),
  name: localisedText.nullable(),
  kind: z.string().nullable(),
  draftRevision: z.number().int(),
  draftUpdatedAt: z.string(),
  draftUpdatedBy: z.string().nullable(),
  published: z.object({ version: z.number().int(), publishedAt: z.string() }).nullable(),
  draftAhead: z.boolean().describe('The draft differs from the published version'),
});
export type WorkflowSummary = z.infer<typeof workflowSummary>;

export const workflowDraft = z.object({
  id: z.string(),
  draft: z.unknown(),
  revision: z.number().int().describe('Send it back as baseRevision when saving, to detect a concurrent edit'),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type WorkflowDraft = z.infer<typeof workflowDraft>;

export const workflowVersion = z.object({
  id: z.number().int(),
  workflowId: z.string(),
  version: z.number().int(),
  definition: workflowDefinition,
  note: z.string().nullable(),
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
});
export type WorkflowVersion = z.output<typeof workflowVersion>;
