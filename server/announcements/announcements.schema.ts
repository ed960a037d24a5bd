/**
 * Announcements (outage notices) as the API speaks of them. One schema per
 * concept; the routes' validation, types and documentation come from these.
 */
import { z } from 'zod';
import { locales } from '../engine/people/people.schema.ts';
import { markdownBody } from '../knowledge/knowledge.schema.ts';

export const severities = ['info', 'minor', 'major'] as const;
export type Severity = (typeof severities)[number];
export const audiences = ['requesters', 'staff', 'everyone'] as const;
export type AnnouncementAudience = (typeof audiences)[number];

export const severity = z.enum(severities).describe('info (for information), minor (degraded) or major (an outage); major banners interrupt screen readers');
export const audience = z.enum(audiences).describe('Who sees the banner and gets the mail: requesters, staff (agents, specialists, managers, admins), or everyone');
const locale = z.enum(locales);
const timestamp = z.iso.datetime({ offset: true }).describe('An ISO 8601 time, e.g. 2026-12-04T09:00:00Z');
const service = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,99}$/, 'must be a workflow id or a service value: lower-case letters, digits, _ and -');

export const noticeText = z.object({ title: z.string().trim().min(1).max(200), body: markdownBody }).strict();

const translations = z
  .partialRecord(locale, noticeText)
  .refine((t) => Object.keys(t).length > 0, 'needs at least one language')
  .describe('The notice per language; readers get theirs, else English, else the first there is');

const fields = {
  severity: severity.default('info'),
  audience: audience.default('everyone'),
  translations,
  services: z.array(service).max(50).default([]).describe('The workflows (form ids) and service values (e.g. "vpn") it affects; their forms show "Known outage"'),
  startsAt: timestamp,
  endsAt: timestamp.describe('When it is expected to end; the banner goes then, or earlier when it is ended'),
  incidentTicketId: z.number().int().positive().nullable().default(null).describe('The major incident people are sent to by "Me too"'),
};

const windowOrder = (a: { startsAt: string; endsAt: string }) => Date.parse(a.endsAt) > Date.parse(a.startsAt);
const windowProblem = { message: 'must be after startsAt', path: ['endsAt'] };

export const announcementInput = z.object(fields).strict().refine(windowOrder, windowProblem);
export type AnnouncementInput = z.infer<typeof announcementInput>;

const rowVersion = z.number().int().positive().describe('The version last read (`rowVersion`); a stale one is 409');
export const announcementUpdate = z.object({ ...fields, rowVersion }).strict().refine(windowOrder, windowProblem);
export type AnnouncementUpdate = z.infer<typeof announcementUpdate>;
export const endInput = z.object({ rowVersion }).strict();

const person = z.object({ id: z.string(), name: z.string() }).nullable();

export const mailingView = z.object({
  status: z.enum(['running', 'done']),
  queued: z.number().int().describe('People whose mail is in the outbox'),
  total: z.number().int().describe('Active people of the audience when the mailing started'),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type MailingView = z.infer<typeof mailingView>;

export const announcementState = z.enum(['scheduled', 'live', 'ended']);

export const adminAnnouncement = z.object({
  id: z.number().int(),
  severity,
  audience,
  translations: z.partialRecord(locale, noticeText),
  services: z.array(z.string()),
  startsAt: z.string(),
  endsAt: z.string(),
  endedAt: z.string().nullable(),
  state: announcementState,
  incidentTicketId: z.number().int().nullable(),
  incidentNumber: z.string().nullable(),
  rowVersion: z.number().int(),
  mailing: mailingView.nullable(),
  createdAt: z.string(),
  createdBy: person,
  updatedAt: z.string(),
  updatedBy: person,
});
export type AdminAnnouncement = z.infer<typeof adminAnnouncement>;

export const liveAnnouncement = z.object({
  id: z.number().int(),
  severity,
  title: z.string(),
  html: z.string().describe('The body rendered from Markdown and sanitised: nothing in it can run'),
  locale: z.string(),
  services: z.array(z.string()),
  endsAt: z.string(),
  incidentTicketId: z.number().int().nullable(),
  incidentNumber: z.string().nullable(),
});
export type LiveAnnouncement = z.infer<typeof liveAnnouncement>;
