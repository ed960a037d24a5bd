/**
 * The shapes of the alerts feature, one zod schema each: an alert source as
 * an admin writes it, Alertmanager's webhook payload (version 4), and what
 * the API answers about sources, alerts and the alert log.
 */
import { z } from 'zod';
import { rule, slug } from '../engine/workflow/primitives.ts';

export const alertSourceKinds = ['alertmanager', 'generic'] as const;

/**
 * How an alert becomes an incident, in the workflow format's own terms:
 * json-logic over the alert (`labels`, `annotations`, `status`, `startsAt`,
 * `endsAt`, `generatorURL`, `fingerprint`, and the group's `commonLabels`,
 * `groupLabels`, `externalURL`, `receiver`).
 */
export const alertMapping = z
  .object({
    fields: z
      .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'a field key is letters, digits and underscores'), rule)
      .default({})
      .describe('Form field → json-logic rule giving its value, e.g. { "summary": { "var": "annotations.summary" } }'),
    dedupKey: rule.optional().describe('The rule giving the key alerts are deduplicated by; Alertmanager sources default to { "var": "fingerprint" }'),
    validate: rule.default(false).describe('When true for an alert, a person validates it before it becomes an incident'),
    status: rule.optional().describe('Generic sources: the rule giving "firing" or "resolved" (default { "var": "status" })'),
  })
  .strict();
export type AlertMapping = z.output<typeof alertMapping>;

export const alertSourceInput = z
  .object({
    id: slug.describe('The id in the intake URL, /api/alerts/{id}'),
    name: z.string().trim().min(1).max(200),
    kind: z.enum(alertSourceKinds),
    workflow: slug.describe('The published workflow its incidents go to'),
    mapping: alertMapping,
    autoResolve: z.boolean().default(true).describe('A resolved alert resolves its incident while no agent has worked it'),
    flapMinutes: z.number().int().min(0).max(1440).default(10).describe('An alert firing again this soon after it resolved reopens the same incident'),
  })
  .strict();
export type AlertSourceInput = z.output<typeof alertSourceInput>;

export const alertSourceChange = alertSourceInput.omit({ id: true }).extend({ rowVersion: z.number().int().positive() }).strict();
export type AlertSourceChange = z.output<typeof alertSourceChange>;

export const alertSource = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(alertSourceKinds),
  workflow: z.string(),
  mapping: alertMapping,
  autoResolve: z.boolean(),
  flapMinutes: z.number().int(),
  url: z.string().describe('Where the source posts, relative to the desk'),
  createdAt: z.string(),
  updatedAt: z.string(),
  tokenRotatedAt: z.string(),
  rowVersion: z.number().int(),
});
export type AlertSource = z.infer<typeof alertSource>;

const labelSet = z.record(z.string(), z.string());
/** Alertmanager writes an empty map as null at times (Go's nil map). */
const maybeLabels = labelSet.nullable().transform((v) => v ?? {});

/** One alert of Alertmanager's webhook payload, version 4. */
export const alertmanagerAlert = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: labelSet,
  annotations: maybeLabels.default({}),
  startsAt: z.string(),
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().optional(),
});

/** Alertmanager's webhook payload, version 4 (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config). */
export const alertmanagerPayload = z.object({
  version: z.literal('4'),
  groupKey: z.string(),
  truncatedAlerts: z.number().int().min(0).optional(),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string(),
  groupLabels: maybeLabels.default({}),
  commonLabels: maybeLabels.default({}),
  commonAnnotations: maybeLabels.default({}),
  externalURL: z.string().default(''),
  alerts: z.array(alertmanagerAlert).max(1000),
});
export type AlertmanagerPayload = z.output<typeof alertmanagerPayload>;

export const alertOutcomes = ['created', 'fired-again', 'resolved', 'reopened', 'awaiting-validation', 'noted', 'failed'] as const;
export type AlertOutcome = (typeof alertOutcomes)[number];

export const intakeAnswer = z.object({
  received: z.number().int().describe('Alerts in the payload'),
  replay: z.boolean().describe('True when this exact payload was received moments ago, so nothing changed'),
  results: z.array(
    z.object({
      index: z.number().int(),
      dedupKey: z.string().nullable(),
      outcome: z.enum(alertOutcomes),
      ticketId: z.number().int().nullable(),
      error: z.string().nullable(),
    }),
  ),
});
export type IntakeAnswer = z.infer<typeof intakeAnswer>;

export const alertReviews = ['awaiting', 'accepted', 'linked', 'dismissed'] as const;

/** An alert the desk tracks: one per dedup key and incident. */
export const trackedAlert = z.object({
  id: z.number().int(),
  source: z.object({ id: z.string(), name: z.string() }),
  dedupKey: z.string(),
  status: z.enum(['firing', 'resolved']),
  review: z.enum(alertReviews).nullable(),
  ticketId: z.number().int().nullable(),
  count: z.number().int(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  resolvedAt: z.string().nullable(),
  labels: labelSet,
  annotations: labelSet,
  /** Only an http(s) address; anything else is left out. */
  generatorURL: z.string().nullable(),
  fields: z.record(z.string(), z.unknown()),
  reviewReason: z.string().nullable(),
});
export type TrackedAlert = z.infer<typeof trackedAlert>;

export const alertLogEntry = z.object({
  id: z.number().int(),
  sourceId: z.string(),
  alertId: z.number().int().nullable(),
  ticketId: z.number().int().nullable(),
  receivedAt: z.string(),
  dedupKey: z.string().nullable(),
  status: z.string().nullable(),
  outcome: z.enum(alertOutcomes),
  error: z.string().nullable(),
  raw: z.string(),
  rawTruncated: z.boolean(),
});
export type AlertLogEntry = z.infer<typeof alertLogEntry>;
