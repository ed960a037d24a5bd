/**
 * Monitoring alerts as a way in: admins keep the sources; a source's POST
 * is checked, then each of its alerts is logged, matched by dedup key to
 * the alert the desk tracks, and becomes a new incident (through the same
 * `openTicket` as a form), a "fired again" on its incident, a resolution, a
 * reopen, or an alert awaiting validation — one transaction per POST,
 * grouped with whatever else is being written.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import type { DeskDb } from '../db/database.ts';
import { inGroupedTransaction } from '../db/group-commit.ts';
import { inTransaction } from '../db/transaction.ts';
import { insertOutbox } from '../db/outbox.repository.ts';
import { findTicket, insertEvents } from '../db/tickets.repository.ts';
import { findUserById, insertUser } from '../db/users.repository.ts';
import { latestVersion } from '../db/workflows.repository.ts';
import { DeskError, invalid, notFound } from '../errors.ts';
import { problemsFromZod, type Problem } from '../engine/problems.ts';
import type { User } from '../engine/people/people.schema.ts';
import { canSeeTicket, worksOnTicket } from '../engine/people/visibility.ts';
import { transition } from '../engine/tickets/agent-actions.ts';
import { firstStateOfClass, lifecycleOf } from '../engine/tickets/lifecycle.ts';
import { notifyBy } from '../engine/tickets/notify.ts';
import { notifySubject, type Actor, type TicketCase } from '../engine/tickets/ticket-case.ts';
import type { DeskContext } from '../services/desk-context.ts';
import { deskSnapshot, type DeskSnapshot } from '../services/desk-snapshot.ts';
import { openTicket } from '../services/intake.service.ts';
import { applyChange, loadCase } from '../services/ticket-work.service.ts';
import { alertmanagerAlerts, decide, genericAlerts, logText, mapAlert, mappingProblems, type IncomingAlert } from './alert-rules.ts';
import * as repo from './alerts.repository.ts';
import {
  alertmanagerPayload,
  type AlertOutcome,
  type AlertSource,
  type AlertSourceChange,
  type AlertSourceInput,
  type IntakeAnswer,
  type TrackedAlert,
} from './alerts.schema.ts';

/** Alertmanager retries a failed notification until the group's next interval (5 minutes by default): the same body within this window is a retry. */
export const replayWindowMs = 5 * 60_000;
/** Characters of each alert the log keeps. */
export const logCap = 16 * 1024;

// Stored as API tokens are: only the SHA-256 of the secret.
const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
const newToken = () => `dwa_${randomBytes(32).toString('base64url')}`;
const sourceUserId = (sourceId: string) => `alert-source-${sourceId}`;
const toSource = ({ requesterId: _, ...s }: repo.StoredSource): AlertSource => s;

async function checkSource(db: DeskDb, input: Pick<AlertSourceInput, 'workflow' | 'mapping' | 'kind'>): Promise<void> {
  const version = await latestVersion(db, input.workflow);
  const problems: Problem[] = version ? [] : [{ path: 'workflow', message: `there is no published workflow "${input.workflow}"` }];
  const formKeys = version ? new Set(version.definition.form.fields.map((f) => f.key)) : null;
  problems.push(...mappingProblems(input.mapping, formKeys));
  if (input.kind === 'generic' && input.mapping.dedupKey === undefined) problems.push({ path: 'mapping.dedupKey', message: 'a generic source needs a rule for the dedup key' });
  if (problems.length) throw invalid('The alert source needs attention', problems);
}

export async function listSources(desk: DeskContext): Promise<AlertSource[]> {
  return (await repo.listSources(desk.db)).map(toSource);
}

export async function getSource(desk: DeskContext, id: string): Promise<AlertSource> {
  const source = await repo.findSource(desk.db, id);
  if (!source) throw notFound(`The alert source "${id}"`);
  return toSource(source);
}

/** Creates a source with its own account for its incidents; the token is returned this once. */
export async function createSource(desk: DeskContext, input: AlertSourceInput): Promise<{ source: AlertSource; token: string }> {
  const token = newToken();
  const source = await inTransaction(desk.db, async (trx) => {
    if (await repo.findSource(trx, input.id)) throw new DeskError(409, 'conflict', `There is already an alert source "${input.id}"`);
    await checkSource(trx, input);
    const at = desk.now().toISOString();
    const requesterId = sourceUserId(input.id);
    if (!(await findUserById(trx, requesterId))) {
      await insertUser(trx, { id: requesterId, email: `${requesterId}@alerts.invalid`, name: `Alerts: ${input.name}`, roles: [], locale: 'en', timeZone: 'UTC', passwordHash: null, createdAt: at });
    }
    await repo.insertSource(trx, { ...input, requesterId, createdAt: at, tokenHash: hashToken(token) });
    return (await repo.findSource(trx, input.id))!;
  });
  return { source: toSource(source), token };
}

export async function changeSource(desk: DeskContext, id: string, change: AlertSourceChange): Promise<AlertSource> {
  return inTransaction(desk.db, async (trx) => {
    const current = await repo.findSource(trx, id);
    if (!current) throw notFound(`The alert source "${id}"`);
    if (current.rowVersion !== change.rowVersion) throw new DeskError(409, 'conflict', `Someone else changed this source first (it is now at version ${current.rowVersion}); reload it and try again`);
    await checkSource(trx, change);
    await repo.updateSource(trx, id, change.rowVersion, change, desk.now().toISOString());
    return toSource((await repo.findSource(trx, id))!);
  });
}

/** A new token; the old one stops working at once. */
export async function rotateToken(desk: DeskContext, id: string): Promise<{ source: AlertSource; token: string }> {
  const token = newToken();
  if (!(await repo.setSourceToken(desk.db, id, hashToken(token), desk.now().toISOString()))) throw notFound(`The alert source "${id}"`);
  return { source: await getSource(desk, id), token };
}

export const searchLog = (desk: DeskContext, q: repo.LogQuery) => repo.searchLog(desk.db, q);

const badToken = () => new DeskError(401, 'bad-token', 'The alert source token is missing or not valid');

/** Checks the POST's bearer token against the source's; an unknown source looks the same as a wrong token. */
async function authenticate(desk: DeskContext, sourceId: string, authorization: string | undefined): Promise<repo.StoredSource> {
  const token = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : '';
  const found = await repo.findSourceWithHash(desk.db, sourceId);
  const given = Buffer.from(hashToken(token));
  const expected = Buffer.from(found?.tokenHash ?? hashToken(newToken()));
  if (!found || !token || given.length !== expected.length || !timingSafeEqual(given, expected)) throw badToken();
  return found.source;
}

/** Reads the alerts out of a body; a payload of the wrong shape is 422 at its exact path, before anything is stored. */
function readAlerts(source: repo.StoredSource, body: unknown): IncomingAlert[] {
  if (source.kind === 'generic') return genericAlerts(body);
  const parsed = alertmanagerPayload.safeParse(body);
  if (!parsed.success) throw invalid('This is not an Alertmanager webhook payload (version 4)', problemsFromZod(parsed.error));
  return alertmanagerAlerts(parsed.data);
}

interface Handled {
  outcome: AlertOutcome;
  alertId: number | null;
  ticketId: number | null;
  error: string | null;
  notified?: boolean;
  changed?: boolean;
}

/**
 * Takes a source's POST. 401 (nothing stored) for a wrong token; 422 for
 * a payload of the wrong shape; the same body again within the replay
 * window changes nothing. One alert that cannot be handled is recorded as
 * failed in the log and the others go ahead.
 */
export async function receiveAlerts(desk: DeskContext, sourceId: string, authorization: string | undefined, text: string): Promise<IntakeAnswer> {
  const source = await authenticate(desk, sourceId, authorization);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new DeskError(400, 'bad-json', 'The request body is not valid JSON');
  }
  const alerts = readAlerts(source, body);
  const bodyHash = createHash('sha256').update(text).digest('base64url');
  const result = await inGroupedTransaction(desk.db, async (trx) => {
    const now = desk.now();
    const at = now.toISOString();
    if (await repo.seenBody(trx, source.id, bodyHash, new Date(now.getTime() - replayWindowMs).toISOString(), at)) return { replay: true, handled: [] as (Handled & { dedupKey: string | null; status: string | null })[] };
    const mappedAll = alerts.map((alert) => mapAlert(source.mapping, source.kind, alert));
    const keys = mappedAll.flatMap((m) => (m.ok ? [m.dedupKey] : []));
    const post: PostContext = {
      desk,
      trx,
      source,
      now,
      known: await repo.findKnownAlerts(trx, source.id, keys),
      written: new Set(),
      sightings: [],
      // Only a new incident, a resolution or a reopen needs the desk's settings and the source's account.
      snapshot: () => (snapshot ??= deskSnapshot(desk, trx)),
      requester: () =>
        (requester ??= findUserById(trx, source.requesterId).then((u) => {
          if (!u) throw new Error(`the alert source ${source.id} has lost its account`);
          return u;
        })),
    };
    let snapshot: Promise<DeskSnapshot> | undefined;
    let requester: Promise<User> | undefined;
    const handled: (Handled & { dedupKey: string | null; status: string | null })[] = [];
    for (const mapped of mappedAll) {
      if (!mapped.ok) {
        handled.push({ outcome: 'failed', alertId: null, ticketId: null, error: mapped.error, dedupKey: mapped.dedupKey, status: mapped.status });
        continue;
      }
      const h = await handleAlert(post, mapped);
      handled.push({ ...h, dedupKey: mapped.dedupKey, status: mapped.status });
    }
    await repo.insertSightings(trx, post.sightings);
    await repo.insertLogEntries(
      trx,
      handled.map((h, i) => {
        const raw = logText(alerts[i]!.raw, logCap);
        return { source_id: source.id, alert_id: h.alertId, ticket_id: h.ticketId, received_at: at, dedup_key: h.dedupKey, status: h.status, outcome: h.outcome, error: h.error, raw: raw.text, raw_truncated: raw.truncated ? 1 : 0 };
      }),
    );
    // Now and then, bodies too old to be a retry are forgotten.
    if (Math.random() < 0.01) await repo.forgetBodies(trx, source.id, new Date(now.getTime() - replayWindowMs).toISOString());
    return { replay: false, handled };
  });
  if (result.handled.some((h) => h.notified)) desk.onOutboxWritten?.();
  if (result.handled.some((h) => h.changed)) desk.onTicketChanged?.();
  return {
    received: alerts.length,
    replay: result.replay,
    results: result.handled.map((h, index) => ({ index, dedupKey: h.dedupKey, outcome: h.outcome, ticketId: h.ticketId, error: h.error })),
  };
}

type Mapped = Extract<ReturnType<typeof mapAlert>, { ok: true }>;

/** What one POST's alerts share: the transaction, the alerts already tracked under their keys, and the history to append. */
interface PostContext {
  desk: DeskContext;
  trx: DeskDb;
  source: repo.StoredSource;
  now: Date;
  /** Looked up once for the whole POST; a key written since is looked up again. */
  known: Map<string, repo.Known>;
  written: Set<string>;
  sightings: Parameters<typeof repo.insertSightings>[1];
  snapshot: () => Promise<DeskSnapshot>;
  requester: () => Promise<User>;
}

const robotOf = (source: repo.StoredSource): Actor => ({ id: source.requesterId, name: source.name, roles: ['admin'] });

/** One alert, in its own savepoint so that a refused incident rolls back alone. */
async function handleAlert(post: PostContext, mapped: Mapped): Promise<Handled> {
  const { trx } = post;
  await sql`SAVEPOINT alert_item`.execute(trx);
  try {
    const h = await decideAndWrite(post, mapped);
    await sql`RELEASE alert_item`.execute(trx);
    post.written.add(mapped.dedupKey);
    return h;
  } catch (error) {
    if (!(error instanceof DeskError)) throw error;
    await sql`ROLLBACK TO alert_item`.execute(trx);
    await sql`RELEASE alert_item`.execute(trx);
    const detail = error.errors?.length ? error.errors.map((p) => `${p.path}: ${p.message}`).join('; ') : error.message;
    return { outcome: 'failed', alertId: null, ticketId: null, error: `${error.message}: ${detail}` };
  }
}

async function decideAndWrite(post: PostContext, m: Mapped): Promise<Handled> {
  const { desk, trx, source, now } = post;
  const at = now.toISOString();
  const known = post.written.has(m.dedupKey) ? await repo.findKnownAlert(trx, source.id, m.dedupKey) : post.known.get(m.dedupKey);
  const decision = decide(known, m.status, now, source.flapMinutes);
  if (decision.kind === 'new') return newAlert(desk, trx, await post.snapshot(), source, await post.requester(), m, at);
  const k = known!;
  switch (decision.kind) {
    case 'note': {
      await repo.sightAlert(trx, k.id, { status: m.status, at, ...(m.status === 'resolved' && k.status === 'firing' ? { resolvedAt: at } : {}) });
      return { outcome: 'noted', alertId: k.id, ticketId: k.ticketId, error: null };
    }
    case 'again': {
      const count = await repo.sightAlert(trx, k.id, { status: 'firing', at, resolvedAt: null });
      if (k.ticketId !== null) post.sightings.push({ ticketId: k.ticketId, actorId: source.requesterId, at, data: { alert: k.id, source: source.id, dedupKey: m.dedupKey, count, lastSeenAt: at } });
      return { outcome: 'fired-again', alertId: k.id, ticketId: k.ticketId, error: null };
    }
    case 'resolve': {
      const count = await repo.sightAlert(trx, k.id, { status: 'resolved', at, resolvedAt: at });
      return { ...(await resolveIncident(desk, trx, await post.snapshot(), source, k.ticketId!, { alert: k.id, count, at })), alertId: k.id, ticketId: k.ticketId };
    }
    case 'reopen': {
      const snapshot = await post.snapshot();
      const ticket = await findTicket(trx, k.ticketId!);
      const c = ticket && (await loadCase(desk, trx, ticket, snapshot));
      const to = c && firstStateOfClass(lifecycleOf(c.workflow.definition), 'open');
      const reopened = c && to && transition(c, robotOf(source), { to: to.id, comment: `The alert "${m.dedupKey}" fired again soon after it resolved (flapping), so the incident is open again.`, internal: true });
      // A lifecycle with no way back (say, closed is final) gets a new incident instead.
      if (!c || !reopened?.ok) return newAlert(desk, trx, snapshot, source, await post.requester(), m, at);
      await repo.sightAlert(trx, k.id, { status: 'firing', at, resolvedAt: null });
      await applyChange(trx, c, source.requesterId, reopened);
      return { outcome: 'reopened', alertId: k.id, ticketId: k.ticketId, error: null, notified: reopened.notifications.some((n) => n.status === 'pending'), changed: true };
    }
  }
}

async function newAlert(desk: DeskContext, trx: DeskDb, snapshot: DeskSnapshot, source: repo.StoredSource, requester: User, m: Mapped, at: string): Promise<Handled> {
  const row = {
    source_id: source.id,
    dedup_key: m.dedupKey,
    status: m.status,
    count: 1,
    first_seen_at: at,
    last_seen_at: at,
    labels: JSON.stringify(m.labels),
    annotations: JSON.stringify(m.annotations),
    generator_url: m.generatorURL,
    starts_at: m.startsAt,
    fields: JSON.stringify(m.fields),
  };
  if (m.validate) {
    const alertId = await repo.insertAlert(trx, { ...row, review: 'awaiting', ticket_id: null });
    return { outcome: 'awaiting-validation', alertId, ticketId: null, error: null };
  }
  const version = snapshot.published.get(source.workflow);
  if (!version) throw new DeskError(422, 'validation', `The workflow "${source.workflow}" is not published`);
  const opened = await openTicket(desk, trx, snapshot, { requester, workflowId: source.workflow, version, fields: m.fields, idempotencyKey: null });
  const alertId = await repo.insertAlert(trx, { ...row, review: null, ticket_id: opened.ticket.id });
  return { outcome: 'created', alertId, ticketId: opened.ticket.id, error: null, notified: opened.notified, changed: true };
}

/**
 * A resolved alert resolves its incident when the source says so and no
 * person has worked it; otherwise the incident gets a note of it and its
 * assignee is told.
 */
async function resolveIncident(
  desk: DeskContext,
  trx: DeskDb,
  snapshot: DeskSnapshot,
  source: repo.StoredSource,
  ticketId: number,
  seen: { alert: number; count: number; at: string },
): Promise<Pick<Handled, 'outcome' | 'error' | 'notified' | 'changed'>> {
  const ticket = (await findTicket(trx, ticketId))!;
  const c = await loadCase(desk, trx, ticket, snapshot);
  if (source.autoResolve && !(await repo.touchedByPeople(trx, ticketId, source.requesterId))) {
    const definition = c.workflow.definition;
    const code = definition.resolution.codes.find((k) => k.value === 'solved')?.value ?? definition.resolution.codes[0]!.value;
    const to = firstStateOfClass(lifecycleOf(definition), 'resolved');
    const resolved = transition(c, robotOf(source), { to: to.id, resolution: { code, notes: `${source.name} reported the alert resolved at ${seen.at}.` } });
    if (resolved.ok) {
      await applyChange(trx, c, source.requesterId, resolved);
      return { outcome: 'resolved', error: null, notified: resolved.notifications.some((n) => n.status === 'pending'), changed: true };
    }
  }
  return { outcome: 'resolved', error: null, notified: await tellAssignee(trx, c, source, seen) };
}

/** The incident's history records that the alert resolved, and whoever works it hears so. */
async function tellAssignee(trx: DeskDb, c: TicketCase, source: repo.StoredSource, seen: { alert: number; count: number; at: string }): Promise<boolean> {
  const subject = notifySubject(c, {});
  const messages = subject && c.ticket.assigneeId ? notifyBy([{ template: 'alert-resolved', to: ['assignee'] }], subject, c.templates) : { notifications: [], events: [] };
  await insertEvents(trx, c.ticket.id, source.requesterId, seen.at, [{ type: 'alert.resolved', data: { alert: seen.alert, source: source.id, count: seen.count, autoResolved: false } }, ...messages.events]);
  await insertOutbox(trx, c.ticket.id, seen.at, messages.notifications.map((n) => ({ ...n, recipient: n.recipient.email, ...(n.error ? { error: n.error } : {}) })));
  return messages.notifications.some((n) => n.status === 'pending');
}

// The validate queue: alerts a person looks at before they become incidents.

const staffOnly = (user: User) => user.roles.some((r) => r !== 'requester');

export async function awaitingAlerts(desk: DeskContext, page: { limit: number; afterId?: number | undefined }): Promise<{ items: TrackedAlert[]; next: string | null; total: number }> {
  const rows = await repo.listAwaiting(desk.db, { limit: page.limit + 1, ...(page.afterId !== undefined ? { afterId: page.afterId } : {}) });
  const items = rows.slice(0, page.limit);
  return { items, next: rows.length > page.limit ? String(items.at(-1)!.id) : null, total: await repo.countAwaiting(desk.db) };
}

async function awaiting(trx: DeskDb, id: number) {
  const alert = await repo.findAlert(trx, id);
  if (!alert) throw notFound(`Alert ${id}`);
  if (alert.review !== 'awaiting') throw new DeskError(409, 'conflict', `Alert ${id} is no longer awaiting validation (it was ${alert.review ?? 'never waiting'})`);
  return alert;
}

/** Turns an alert into an incident, its mapped fields pre-filled and the person's changes on top. */
export async function acceptAlert(desk: DeskContext, user: User, id: number, fields: Record<string, unknown>): Promise<{ alert: TrackedAlert; ticketId: number }> {
  const result = await inTransaction(desk.db, async (trx) => {
    const alert = await awaiting(trx, id);
    const source = (await repo.findSource(trx, alert.source.id))!;
    const requester = (await findUserById(trx, source.requesterId))!;
    const snapshot = await deskSnapshot(desk, trx);
    const version = snapshot.published.get(source.workflow);
    if (!version) throw new DeskError(409, 'conflict', `The workflow "${source.workflow}" is not published`);
    const opened = await openTicket(desk, trx, snapshot, { requester, workflowId: source.workflow, version, fields: { ...alert.fields, ...fields }, idempotencyKey: null });
    const at = desk.now().toISOString();
    await repo.setAlertReview(trx, id, { review: 'accepted', ticketId: opened.ticket.id, by: user.id, at });
    await insertEvents(trx, opened.ticket.id, user.id, at, [{ type: 'alert.validated', data: { alert: id, source: source.id, dedupKey: alert.dedupKey } }]);
    return { ticketId: opened.ticket.id, notified: opened.notified };
  });
  if (result.notified) desk.onOutboxWritten?.();
  desk.onTicketChanged?.();
  return { alert: (await repo.findAlert(desk.db, id))!, ticketId: result.ticketId };
}

/** Files an alert under an incident already open for it. */
export async function linkAlert(desk: DeskContext, user: User, id: number, ticketId: number): Promise<TrackedAlert> {
  await inTransaction(desk.db, async (trx) => {
    await awaiting(trx, id);
    const ticket = await findTicket(trx, ticketId);
    const snapshot = await deskSnapshot(desk, trx);
    const queueGroup = (q: string) => snapshot.directory.queues.get(q)?.group;
    if (!ticket || !worksOnTicket(user, ticket, queueGroup)) throw invalid('That incident cannot take the alert', [{ path: 'ticketId', message: `there is no ticket ${ticketId} you work on` }]);
    const at = desk.now().toISOString();
    await repo.setAlertReview(trx, id, { review: 'linked', ticketId, by: user.id, at });
    await insertEvents(trx, ticketId, user.id, at, [{ type: 'alert.linked', data: { alert: id } }]);
  });
  return (await repo.findAlert(desk.db, id))!;
}

export async function dismissAlert(desk: DeskContext, user: User, id: number, reason: string): Promise<TrackedAlert> {
  const why = reason.trim();
  if (!why) throw invalid('Say why the alert is dismissed', [{ path: 'reason', message: 'is required' }]);
  await inTransaction(desk.db, async (trx) => {
    await awaiting(trx, id);
    await repo.setAlertReview(trx, id, { review: 'dismissed', reason: why, by: user.id, at: desk.now().toISOString() });
  });
  return (await repo.findAlert(desk.db, id))!;
}

/** The alerts behind an incident, for whoever may see the incident as staff. */
export async function ticketAlerts(desk: DeskContext, user: User, ticketId: number): Promise<TrackedAlert[]> {
  const ticket = await findTicket(desk.db, ticketId);
  const snapshot = await deskSnapshot(desk);
  const queueGroup = (q: string) => snapshot.directory.queues.get(q)?.group;
  if (!ticket || !staffOnly(user) || !canSeeTicket(user, ticket, queueGroup)) throw notFound(`Ticket ${ticketId}`);
  return repo.listTicketAlerts(desk.db, ticketId);
}
