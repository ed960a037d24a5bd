/**
 * Announcement use cases: writing and ending a notice, who sees which
 * banner, "Me too" on the major incident, and mailing a notice to its
 * audience in batches. Each change is one transaction; a batch of the
 * mailing records its people, their mail and the cursor together, so a
 * crash between batches loses nothing and mails nobody twice.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shippedTemplateFolder } from '../assets.ts';
import { insertOutbox } from '../db/outbox.repository.ts';
import { findTicket, insertEvents, listEvents } from '../db/tickets.repository.ts';
import { inTransaction } from '../db/transaction.ts';
import { DeskError, invalid, notFound } from '../errors.ts';
import { locales, type User } from '../engine/people/people.schema.ts';
import { parseTemplateFile, renderTemplate, type TemplateSource } from '../engine/templates.ts';
import { isStaff, pickLocale } from '../knowledge/knowledge.service.ts';
import { renderMarkdown } from '../knowledge/markdown.ts';
import type { DeskContext } from '../services/desk-context.ts';
import {
  advanceMailing,
  audienceAfter,
  countAudience,
  findAnnouncement,
  findMailing,
  findMailings,
  finishMailing,
  insertAnnouncement,
  insertMailing,
  insertRecipients,
  listAnnouncements,
  liveAnnouncements,
  updateAnnouncement,
  type AnnouncementRecord,
  type MailingRecord,
} from './announcements.repository.ts';
import type { AdminAnnouncement, AnnouncementInput, AnnouncementUpdate, LiveAnnouncement, MailingView } from './announcements.schema.ts';

/** The event "Me too" records on the major incident. */
export const affectedEventType = 'outage.affected';

const toMailingView = (m: MailingRecord | undefined): MailingView | null =>
  m ? { status: m.status, queued: m.queued, total: m.total, startedAt: m.startedAt, finishedAt: m.finishedAt } : null;

function stateAt(a: AnnouncementRecord, now: string): AdminAnnouncement['state'] {
  const end = a.endedAt && a.endedAt < a.endsAt ? a.endedAt : a.endsAt;
  if (end <= now) return 'ended';
  return a.startsAt <= now ? 'live' : 'scheduled';
}

function toAdmin(a: AnnouncementRecord, mailing: MailingRecord | undefined, now: string): AdminAnnouncement {
  return { ...a, state: stateAt(a, now), mailing: toMailingView(mailing) };
}

/** Times are stored as UTC ISO strings, so they compare as text. */
const utc = (t: string) => new Date(t).toISOString();

async function checkIncident(db: DeskContext['db'], id: number | null): Promise<void> {
  if (id === null) return;
  if (!(await findTicket(db, id))) throw invalid('The notice refers to a ticket that does not exist', [{ path: 'incidentTicketId', message: `there is no ticket ${id}` }]);
}

const values = (input: AnnouncementInput) => ({
  severity: input.severity,
  audience: input.audience,
  translations: input.translations as Record<string, { title: string; body: string }>,
  services: [...new Set(input.services)],
  startsAt: utc(input.startsAt),
  endsAt: utc(input.endsAt),
  incidentTicketId: input.incidentTicketId,
});

export async function createAnnouncement(desk: DeskContext, user: User, input: AnnouncementInput): Promise<AdminAnnouncement> {
  return inTransaction(desk.db, async (db) => {
    await checkIncident(db, input.incidentTicketId);
    const at = desk.now().toISOString();
    const id = await insertAnnouncement(db, values(input), user.id, at);
    return toAdmin((await findAnnouncement(db, id))!, undefined, at);
  });
}

export async function announcementPage(desk: DeskContext, q: { cursor?: string | undefined; limit: number }) {
  const rows = await listAnnouncements(desk.db, { limit: q.limit + 1, ...(q.cursor ? { beforeId: Number(q.cursor) } : {}) });
  const page = rows.slice(0, q.limit);
  const mailings = await findMailings(desk.db, page.map((a) => a.id));
  const now = desk.now().toISOString();
  return { items: page.map((a) => toAdmin(a, mailings.get(a.id), now)), next: rows.length > q.limit ? String(page.at(-1)!.id) : null };
}

export async function adminAnnouncement(desk: DeskContext, id: number): Promise<AdminAnnouncement> {
  const a = await findAnnouncement(desk.db, id);
  if (!a) throw notFound(`The announcement ${id}`);
  return toAdmin(a, await findMailing(desk.db, id), desk.now().toISOString());
}

const stale = (sent: number, current: number) =>
  new DeskError(409, 'conflict', 'Someone else saved this announcement since you opened it; reload it and make your change again', [
    { path: 'rowVersion', message: `is ${sent}, the announcement is now at ${current}` },
  ]);

async function change(desk: DeskContext, id: number, rowVersion: number, apply: (db: DeskContext['db'], current: AnnouncementRecord, at: string) => Promise<boolean>): Promise<AdminAnnouncement> {
  return inTransaction(desk.db, async (db) => {
    const current = await findAnnouncement(db, id);
    if (!current) throw notFound(`The announcement ${id}`);
    if (current.rowVersion !== rowVersion) throw stale(rowVersion, current.rowVersion);
    const at = desk.now().toISOString();
    if (!(await apply(db, current, at))) throw stale(rowVersion, current.rowVersion);
    return toAdmin((await findAnnouncement(db, id))!, await findMailing(db, id), at);
  });
}

export function editAnnouncement(desk: DeskContext, user: User, id: number, input: AnnouncementUpdate): Promise<AdminAnnouncement> {
  return change(desk, id, input.rowVersion, async (db, _current, at) => {
    await checkIncident(db, input.incidentTicketId);
    return updateAnnouncement(db, id, input.rowVersion, values(input), user.id, at);
  });
}

/** Ends a notice now, before its expected end: its banner goes at once. */
export function endAnnouncement(desk: DeskContext, user: User, id: number, rowVersion: number): Promise<AdminAnnouncement> {
  return change(desk, id, rowVersion, async (db, current, at) => {
    if (stateAt(current, at) === 'ended') throw new DeskError(409, 'conflict', 'This announcement has already ended');
    return updateAnnouncement(db, id, rowVersion, { endedAt: at }, user.id, at);
  });
}

/** The audiences whose notices a person sees: requesters theirs, staff theirs, and everyone's. */
function audiencesOf(user: User): string[] {
  const out = ['everyone'];
  if (user.roles.includes('requester')) out.push('requesters');
  if (isStaff(user)) out.push('staff');
  return out;
}

/** The banners a person sees now, in their language (else English, else the first there is). */
export async function liveFor(desk: DeskContext, user: User, locale?: string): Promise<LiveAnnouncement[]> {
  const found = await liveAnnouncements(desk.db, desk.now().toISOString(), audiencesOf(user));
  return found.map((a) => {
    const served = pickLocale(Object.keys(a.translations), locale ?? user.locale)!;
    const t = a.translations[served]!;
    return {
      id: a.id,
      severity: a.severity,
      title: t.title,
      html: renderMarkdown(t.body),
      locale: served,
      services: a.services,
      endsAt: a.endedAt && a.endedAt < a.endsAt ? a.endedAt : a.endsAt,
      incidentTicketId: a.incidentTicketId,
      incidentNumber: a.incidentNumber,
    };
  });
}

/**
 * "Me too": the person is affected by a live outage. Recorded once on its
 * major incident (no new ticket); a second press changes nothing.
 */
export async function recordAffected(desk: DeskContext, user: User, id: number): Promise<{ incidentTicketId: number; incidentNumber: string; recorded: boolean }> {
  return inTransaction(desk.db, async (db) => {
    const at = desk.now().toISOString();
    const live = (await liveAnnouncements(db, at, audiencesOf(user))).find((a) => a.id === id);
    if (!live) throw notFound(`A live announcement ${id}`);
    if (live.incidentTicketId === null || live.incidentNumber === null) throw new DeskError(409, 'conflict', 'This announcement has no major incident to join');
    const events = await listEvents(db, live.incidentTicketId);
    const already = events.some((e) => e.type === affectedEventType && e.actorId === user.id);
    if (!already) await insertEvents(db, live.incidentTicketId, user.id, at, [{ type: affectedEventType, data: { announcement: id, name: user.name } }]);
    return { incidentTicketId: live.incidentTicketId, incidentNumber: live.incidentNumber, recorded: !already };
  });
}

/** Starts "Notify everyone"; the mailer sends it in batches. A notice is mailed once. */
export async function startMailing(desk: DeskContext, user: User, id: number): Promise<MailingView> {
  const mailing = await inTransaction(desk.db, async (db) => {
    const a = await findAnnouncement(db, id);
    if (!a) throw notFound(`The announcement ${id}`);
    const at = desk.now().toISOString();
    if (stateAt(a, at) === 'ended') throw new DeskError(409, 'conflict', 'This announcement has ended; there is nothing to tell people');
    if (!(await insertMailing(db, id, await countAudience(db, a.audience), user.id, at))) throw new DeskError(409, 'conflict', 'Everyone in this audience has already been notified, or is being notified');
    return (await findMailing(db, id))!;
  });
  desk.onAnnouncementMailing?.();
  return toMailingView(mailing)!;
}

export async function mailingProgress(desk: DeskContext, id: number): Promise<MailingView | null> {
  if (!(await findAnnouncement(desk.db, id))) throw notFound(`The announcement ${id}`);
  return toMailingView(await findMailing(desk.db, id));
}

let shipped: Map<string, TemplateSource> | undefined;
/** The notice mail per language, from templates/<locale>/announcements/notice.hbs. */
function noticeTemplate(locale: string): TemplateSource {
  shipped ??= new Map(locales.map((l) => [l, parseTemplateFile(readFileSync(join(shippedTemplateFolder(), l, 'announcements', 'notice.hbs'), 'utf8'))]));
  return shipped.get(locale) ?? shipped.get('en')!;
}

/**
 * One batch of a running mailing: the next people after the cursor get
 * their mail in the outbox, are recorded as mailed, and the cursor moves,
 * all in one transaction. Returns how many were handled; 0 when it is done.
 */
export async function mailNextBatch(desk: DeskContext, id: number, batchSize: number): Promise<number> {
  const queued = await inTransaction(desk.db, async (db) => {
    const mailing = await findMailing(db, id);
    const a = await findAnnouncement(db, id);
    if (!mailing || mailing.status !== 'running' || !a) return 0;
    const at = desk.now().toISOString();
    const people = await audienceAfter(db, a.audience, mailing.cursor, batchSize);
    if (!people.length) {
      await finishMailing(db, id, at);
      return 0;
    }
    const fresh = await insertRecipients(db, id, people.map((p) => p.id), at);
    const messages = people
      .filter((p) => fresh.has(p.id))
      .map((p) => {
        const served = pickLocale(Object.keys(a.translations), p.locale)!;
        const t = a.translations[served]!;
        const rendered = renderTemplate(noticeTemplate(p.locale), {
          announcement: { title: t.title, body: t.body, severity: a.severity, startsAt: a.startsAt, endsAt: a.endsAt, incident: a.incidentNumber },
          recipient: { name: p.name, timeZone: p.timeZone, locale: p.locale },
          desk: { name: desk.config.deskName, url: desk.config.publicUrl },
        });
        return { template: 'announcement', locale: served, recipient: p.email, subject: rendered.subject, text: rendered.text, html: rendered.html, status: 'pending' as const };
      });
    await insertOutbox(db, null, at, messages);
    await advanceMailing(db, id, people.at(-1)!.id, fresh.size);
    return people.length;
  });
  if (queued) desk.onOutboxWritten?.();
  return queued;
}

export { runningMailings } from './announcements.repository.ts';
