/**
 * Problem management use cases (issue 15): linking the incidents a problem
 * causes, publishing its known error, offering known errors on matching
 * incidents, applying a workaround as a reply, and resolving a problem with
 * its open incidents. Each change is one transaction.
 */
import { inTransaction } from '../db/transaction.ts';
import { deleteLink, insertLink, linkedFrom, linkedTo } from '../db/ticket-links.repository.ts';
import { findTicket, findTicketsByIds, insertEvents, type Ticket } from '../db/tickets.repository.ts';
import { DeskError, invalid, notFound } from '../errors.ts';
import type { User } from '../engine/people/people.schema.ts';
import { canSeeTicket, followsTicket } from '../engine/people/visibility.ts';
import type { Problem } from '../engine/problems.ts';
import { staffComment, transition } from '../engine/tickets/agent-actions.ts';
import { lifecycleOf } from '../engine/tickets/lifecycle.ts';
import { refuse, type TicketCase } from '../engine/tickets/ticket-case.ts';
import { knowledgeMatch } from '../knowledge/search-query.ts';
import type { DeskContext } from '../services/desk-context.ts';
import { deskSnapshot } from '../services/desk-snapshot.ts';
import { act } from '../services/ticket-work.service.ts';
import { carriesSymptom, oneMailEach, pickLocale, resolvedTarget, ticketText } from './known-error-rules.ts';
import {
  appliedKnownErrors,
  findKnownError,
  findKnownErrorOfProblem,
  insertKnownError,
  knownErrorsForService,
  knownErrorsOfProblems,
  replaceKnownErrorTexts,
  searchKnownErrors,
  updateKnownError,
  type KnownErrorRecord,
} from './problems.repository.ts';
import type { KnownError, KnownErrorInput, KnownErrorMatch, LinkedIncident, ResolveInput } from './problems.schema.ts';

type Db = DeskContext['db'];
const openClasses = new Set(['new', 'open', 'pending']);

/** A ticket the user follows as staff; anything else answers "not found", like a ticket that does not exist. */
async function staffTicket(desk: DeskContext, db: Db, user: User, id: number): Promise<Ticket> {
  const [ticket, { directory }] = await Promise.all([findTicket(db, id), deskSnapshot(desk, db)]);
  if (!ticket || !followsTicket(user, ticket, (q) => directory.queues.get(q)?.group)) throw notFound(`Ticket ${id}`);
  return ticket;
}

/** A problem ticket the user follows as staff. */
async function problemTicket(desk: DeskContext, db: Db, user: User, id: number): Promise<Ticket> {
  const ticket = await findTicket(db, id);
  if (!ticket || ticket.kind !== 'problem') throw notFound(`The problem ${id}`);
  return staffTicket(desk, db, user, id).catch(() => {
    throw notFound(`The problem ${id}`);
  });
}

async function toKnownError(db: Db, k: KnownErrorRecord): Promise<KnownError> {
  const problem = (await findTicket(db, k.problemId))!;
  const { problemId: _, ...rest } = k;
  return { ...rest, problem: { id: problem.id, number: problem.number, title: problem.title, statusClass: problem.statusClass } };
}

/** The incidents linked to a problem as `caused-by` that the user may see, in the order they were linked. */
export async function problemIncidents(desk: DeskContext, user: User, problemId: number): Promise<LinkedIncident[]> {
  await problemTicket(desk, desk.db, user, problemId);
  const rows = await desk.db.selectFrom('ticket_links').select(['ticket_id', 'created_at']).where('other_id', '=', problemId).where('kind', '=', 'caused-by').orderBy('created_at').orderBy('ticket_id').execute();
  const { directory } = await deskSnapshot(desk);
  const tickets = new Map((await findTicketsByIds(desk.db, rows.map((r) => r.ticket_id))).map((t) => [t.id, t]));
  return rows.flatMap((r) => {
    const t = tickets.get(r.ticket_id);
    if (!t || !canSeeTicket(user, t, (q) => directory.queues.get(q)?.group)) return [];
    return [{ id: t.id, number: t.number, title: t.title, status: t.status, statusClass: t.statusClass, linkedAt: r.created_at }];
  });
}

/** An incident the user may see, for a link; a hidden one is answered like one that does not exist. */
async function incidentFor(desk: DeskContext, db: Db, user: User, problemId: number, incidentId: number): Promise<Ticket> {
  const { directory } = await deskSnapshot(desk, db);
  const incident = await findTicket(db, incidentId);
  if (!incident || !canSeeTicket(user, incident, (q) => directory.queues.get(q)?.group)) {
    throw invalid('The incident was not found', [{ path: 'ticketId', message: `there is no ticket ${incidentId} you can see` }]);
  }
  if (incident.id === problemId) throw invalid('A problem cannot cause itself', [{ path: 'ticketId', message: 'is this problem' }]);
  if (incident.kind === 'problem') throw invalid('Only incidents and requests can be caused by a problem', [{ path: 'ticketId', message: `${incident.number} is a problem` }]);
  return incident;
}

/** Links an incident to the problem that causes it (`caused-by`); the link shows on both tickets. Returns the incident. */
export function linkIncident(desk: DeskContext, user: User, problemId: number, incidentId: number): Promise<Ticket> {
  return inTransaction(desk.db, async (trx) => {
    const problem = await problemTicket(desk, trx, user, problemId);
    await incidentFor(desk, trx, user, problemId, incidentId);
    return act({ ...desk, db: trx }, user, incidentId, 'staff', {}, async (c) => {
      const at = c.now.toISOString();
      const data = { kind: 'caused-by', from: incidentId, to: problem.id };
      if (!(await insertLink(trx, { ticketId: incidentId, kind: 'caused-by', otherId: problem.id, at, by: user.id }))) {
        return refuse(409, `${c.ticket.number} is already linked to ${problem.number}`);
      }
      await insertEvents(trx, problem.id, user.id, at, [{ type: 'ticket.linked', data }]);
      return { ok: true, patch: {}, events: [{ type: 'ticket.linked', data }], notifications: [] };
    });
  });
}

/** Takes an incident off a problem. */
export function unlinkIncident(desk: DeskContext, user: User, problemId: number, incidentId: number): Promise<void> {
  return inTransaction(desk.db, async (trx) => {
    const problem = await problemTicket(desk, trx, user, problemId);
    const incident = await incidentFor(desk, trx, user, problemId, incidentId);
    if (!(await deleteLink(trx, { ticketId: incident.id, kind: 'caused-by', otherId: problem.id }))) {
      throw notFound(`A link from ${incident.number} to ${problem.number}`);
    }
    const at = desk.now().toISOString();
    const data = { kind: 'caused-by', from: incident.id, to: problem.id };
    await insertEvents(trx, problem.id, user.id, at, [{ type: 'ticket.unlinked', data }]);
    await insertEvents(trx, incident.id, user.id, at, [{ type: 'ticket.unlinked', data }]);
  });
}

export async function problemKnownError(desk: DeskContext, user: User, problemId: number): Promise<KnownError> {
  await problemTicket(desk, desk.db, user, problemId);
  const found = await findKnownErrorOfProblem(desk.db, problemId);
  if (!found) throw notFound(`A known error of problem ${problemId}`);
  return toKnownError(desk.db, found);
}

const conflict = (sent: number | undefined, current: number) =>
  new DeskError(409, 'conflict', 'Someone else saved this known error since you opened it; reload it and make your change again', [
    { path: 'rowVersion', message: sent === undefined ? `is required: the known error is at ${current}` : `is ${sent}, the known error is now at ${current}` },
  ]);

/** Publishes (or changes, or retires) a problem's known error; recorded in the problem's history. */
export function saveKnownError(desk: DeskContext, user: User, problemId: number, input: KnownErrorInput): Promise<{ knownError: KnownError; created: boolean }> {
  return inTransaction(desk.db, async (trx) => {
    await problemTicket(desk, trx, user, problemId);
    const at = desk.now().toISOString();
    const existing = await findKnownErrorOfProblem(trx, problemId);
    const translations = input.translations as Record<string, { symptom: string; workaround: string; rootCause: string }>;
    let id: number;
    if (existing) {
      if (input.rowVersion !== existing.rowVersion || !(await updateKnownError(trx, existing.id, existing.rowVersion, { service: input.service, status: input.status, by: user.id, at }))) {
        throw conflict(input.rowVersion, existing.rowVersion);
      }
      id = existing.id;
    } else {
      id = await insertKnownError(trx, { problemId, service: input.service, status: input.status, by: user.id, at });
    }
    await replaceKnownErrorTexts(trx, id, translations);
    const type = existing ? (input.status === 'retired' ? 'known-error.retired' : 'known-error.updated') : 'known-error.published';
    await insertEvents(trx, problemId, user.id, at, [{ type, data: { knownErrorId: id, service: input.service, locales: Object.keys(translations) } }]);
    return { knownError: await toKnownError(trx, (await findKnownError(trx, id))!), created: !existing };
  });
}

/**
 * The known errors an agent is offered on a ticket: those of the problems it
 * is linked to, those about its `service` field, and those whose symptom
 * words its text carries (found with FTS, best first). Staff only: a known
 * error's root cause is internal.
 */
export async function knownErrorsForTicket(desk: DeskContext, user: User, ticketId: number, limit = 5): Promise<KnownErrorMatch[]> {
  const ticket = await staffTicket(desk, desk.db, user, ticketId);
  const reasons = new Map<number, Set<KnownErrorMatch['matchedBy'][number]>>();
  const add = (id: number, why: KnownErrorMatch['matchedBy'][number]) => reasons.set(id, (reasons.get(id) ?? new Set()).add(why));
  for (const id of await knownErrorsOfProblems(desk.db, await linkedTo(desk.db, ticketId, 'caused-by'))) add(id, 'linked');
  const service = ticket.fields.service;
  if (typeof service === 'string' && service) for (const id of await knownErrorsForService(desk.db, service)) add(id, 'service');
  const text = ticketText(ticket);
  const match = knowledgeMatch(`${text} `);
  if (match) for (const hit of await searchKnownErrors(desk.db, match, 50)) if (carriesSymptom(hit.symptom, text)) add(hit.id, 'symptom');
  const applied = await appliedKnownErrors(desk.db, ticketId);
  const out: KnownErrorMatch[] = [];
  for (const [id, why] of reasons) {
    const k = await findKnownError(desk.db, id);
    if (!k || k.problemId === ticketId) continue;
    const view = await toKnownError(desk.db, k);
    const locale = pickLocale(Object.keys(k.translations), user.locale) ?? 'en';
    out.push({ ...view, locale, matchedBy: (['linked', 'service', 'symptom'] as const).filter((w) => why.has(w)), applied: applied.has(id) });
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * "Apply workaround": a public reply with the known error's workaround (as
 * the agent edited it, else in the requester's language), recorded on the
 * ticket; the ticket is linked to the problem so resolving it resolves this one.
 */
export function applyWorkaround(desk: DeskContext, user: User, ticketId: number, knownErrorId: number, input: { body?: string | undefined; version?: number | undefined }): Promise<Ticket> {
  return inTransaction(desk.db, (trx) =>
    act({ ...desk, db: trx }, user, ticketId, 'staff', input.version !== undefined ? { version: input.version } : {}, async (c: TicketCase) => {
      const k = await findKnownError(trx, knownErrorId);
      if (!k || k.status !== 'published' || k.problemId === ticketId) throw notFound(`The known error ${knownErrorId}`);
      const locale = pickLocale(Object.keys(k.translations), c.requester.locale ?? 'en')!;
      const body = input.body ?? k.translations[locale]!.workaround;
      const reply = staffComment(c, user, { body, internal: false });
      if (!reply.ok) return reply;
      const at = c.now.toISOString();
      const events = [...reply.events, { type: 'known-error.applied', data: { knownErrorId: k.id, problemId: k.problemId } }];
      if (c.ticket.kind !== 'problem' && (await insertLink(trx, { ticketId, kind: 'caused-by', otherId: k.problemId, at, by: user.id }))) {
        const data = { kind: 'caused-by', from: ticketId, to: k.problemId };
        await insertEvents(trx, k.problemId, user.id, at, [{ type: 'ticket.linked', data }]);
        events.push({ type: 'ticket.linked', data });
      }
      return { ...reply, events };
    }),
  );
}

/**
 * Resolves a problem and, when asked, every open incident linked to it with
 * one message: each incident gets the message as a public reply and as its
 * resolution notes, and its requester one mail. All or nothing: the first
 * ticket that refuses rolls everything back, and the error says which.
 */
export async function resolveProblem(desk: DeskContext, user: User, problemId: number, input: ResolveInput): Promise<{ problem: Ticket; incidents: Ticket[] }> {
  const result = await inTransaction(desk.db, async (trx) => {
    const scoped = { ...desk, db: trx, onOutboxWritten: undefined, onTicketChanged: undefined };
    let problem = await problemTicket(desk, trx, user, problemId);
    const resolving = (c: TicketCase, extra: { code?: string | undefined; notes: string; comment?: string }) => {
      const to = resolvedTarget(lifecycleOf(c.workflow.definition), c.ticket.status);
      if (!to) return refuse(409, `${c.ticket.number} cannot be resolved from "${c.ticket.status}"`);
      const code = extra.code ?? c.workflow.definition.resolution.codes[0]!.value;
      return transition(c, user, { to, resolution: { code, notes: extra.notes }, ...(extra.comment ? { comment: extra.comment } : {}) });
    };
    if (openClasses.has(problem.statusClass) || !input.incidents) {
      problem = await act(scoped, user, problemId, 'staff', input.version !== undefined ? { version: input.version } : {}, (c) => resolving(c, { code: input.code, notes: input.notes }));
    }
    const incidents: Ticket[] = [];
    if (input.incidents) {
      const { message, code } = input.incidents;
      const linked = await findTicketsByIds(trx, await linkedFrom(trx, problemId, 'caused-by'));
      for (const [i, incident] of linked.filter((t) => openClasses.has(t.statusClass)).entries()) {
        try {
          incidents.push(
            await act(scoped, user, incident.id, 'staff', {}, (c) => {
              const done = resolving(c, { code, notes: message, comment: message });
              return done.ok ? oneMailEach(done) : done;
            }),
          );
        } catch (error) {
          throw prefixed(error, [{ path: `incidents[${i}]`, message: `${incident.number}: ${(error as Error).message}` }], `Nothing was changed: ${incident.number} could not be resolved`, `incidents[${i}]`);
        }
      }
    }
    return { problem, incidents };
  });
  desk.onOutboxWritten?.();
  desk.onTicketChanged?.();
  return result;
}

/** An incident's refusal, said at its place in the batch (`incidents[1].resolution.code`). */
function prefixed(error: unknown, first: Problem[], message: string, at: string): unknown {
  if (!(error instanceof DeskError)) return error;
  const problems = [...first, ...(error.errors ?? []).map((p) => ({ ...p, path: `${at}.${p.path}` }))];
  return new DeskError(error.status === 404 ? 422 : error.status, error.code, message, problems);
}
