/** The small building blocks every part of the workflow format shares. */
import { z } from 'zod';

/** A slug an admin chooses for a workflow, queue, template or policy. */
export const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'use lower-case letters, digits and dashes (e.g. "first-line")');

/** Text shown to people, per locale; `en` is the fallback and is required. */
export const localisedText = z
  .object({ en: z.string().min(1) })
  .catchall(z.string())
  .describe('Text per locale, e.g. { "en": "Laptop", "cy": "Gliniadur" }; "en" is required');
export type LocalisedText = z.infer<typeof localisedText>;

export const priorities = ['P1', 'P2', 'P3', 'P4'] as const;
export const priority = z.enum(priorities);
export type Priority = z.infer<typeof priority>;


/** A json-logic rule. Its shape is checked by the rules module (operator allow-list, var paths). */
export const rule = z
  .union([z.boolean(), z.record(z.string(), z.unknown())])
  .describe('A json-logic rule, e.g. { "==": [{ "var": "fields.service" }, "vpn"] }, or true');
export type Rule = z.infer<typeof rule>;

