/**
 * What a workflow accepts as ticket attachments: a size limit and a list of
 * media types. Declared per workflow, so an admin reads these descriptions
 * in the builder and in the published JSON Schema.
 */
import { z } from 'zod';

const MiB = 1024 * 1024;

/**
 * An everyday office list. SVG and HTML are left out on purpose: both can
 * carry script that would run in an agent's browser.
 */
export const DEFAULT_ATTACHMENT_TYPES: readonly string[] = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
];

// Lower-cased first because media types are case-insensitive and the sniffer
// only ever answers in lower case. "*/*" is refused: it would let anything in.
const mediaType = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/(\*|[a-z0-9][a-z0-9!#$&^_.+-]*)$/, {
    message: 'must be a media type such as "image/png", or "image/*" for every image type',
  })
  .describe('A media type such as "application/pdf", or "image/*" for every image type');

export const attachmentPolicy = z
  .object({
    maxBytes: z
      .number()
      .int()
      .positive()
      .default(10 * MiB)
      .describe('The largest file accepted, in bytes (default 10485760, which is 10 MB)'),
    types: z
      .array(mediaType)
      .min(1)
      .max(100)
      // A function, so each parse gets its own array and nobody mutates the shared default.
      .default(() => [...DEFAULT_ATTACHMENT_TYPES])
      .describe(
        'The file types accepted, judged from the file content rather than its name or what the browser claims; default: images, PDF, text, CSV and Office/OpenDocument files',
      ),
  })
  .strict()
  .describe('What people may attach to a ticket from this form');

export type AttachmentPolicy = z.output<typeof attachmentPolicy>;

/** Whether the policy lists this (sniffed) type, directly or through a "group/*" wildcard. */
export function policyAllows(policy: AttachmentPolicy, contentType: string): boolean {
  const type = contentType.toLowerCase();
  const group = type.slice(0, type.indexOf('/') + 1);
  return policy.types.some((allowed) => allowed === type || (allowed.endsWith('/*') && allowed.slice(0, -1) === group));
}
