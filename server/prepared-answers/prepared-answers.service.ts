/**
 * Prepared answers: checked like notification templates when saved (the
 * same Handlebars allow-list, no prototype access, line and column of what
 * is wrong), found by their words, and rendered against a ticket's own
 * template context for the composer, where the agent edits the text before
 * sending it.
 */
import { findTicket } from '../db/tickets.repository.ts';
import { inTransaction } from '../db/transaction.ts';
import { DeskError, invalid, notFound } from '../errors.ts';
import { renderContext } from '../engine/notifications.ts';
import type { User } from '../engine/people/people.schema.ts';
import { followsTicket, seesAllTickets } from '../engine/people/visibility.ts';
import { checkTemplate, renderTemplate } from '../engine/templates.ts';
import { templateContext } from '../engine/tickets/notify.ts';
import { notifySubject } from '../engine/tickets/ticket-case.ts';
import type { DeskContext } from '../services/desk-context.ts';
import { deskSnapshot } from '../services/desk-snapshot.ts';
import { loadCase } from '../services/ticket-work.service.ts';
import { deleteAnswer, findAnswer, insertAnswer, listAnswers, updateAnswer } from './prepared-answers.repository.ts';
import type { PreparedAnswer, PreparedAnswerInput } from './prepared-answers.schema.ts';

const mayUse = (user: User, a: PreparedAnswer) => a.group === null || seesAllTickets(user) || user.groups.includes(a.group);

/** The answers the caller may use whose name or text has every word typed (all of them when nothing is typed). */
export async function findAnswers(desk: DeskContext, user: User, q = ''): Promise<PreparedAnswer[]> {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const all = (await listAnswers(desk.db)).filter((a) => mayUse(user, a));
  const scored = all
    .map((a) => {
      const name = a.name.toLowerCase();
      const text = Object.values(a.texts).join(' ').toLowerCase();
      if (!words.every((w) => name.includes(w) || text.includes(w))) return null;
      return { a, score: words.filter((w) => name.includes(w)).length };
    })
    .filter((x): x is { a: PreparedAnswer; score: number } => x !== null);
  return scored.sort((x, y) => y.score - x.score).map((x) => x.a);
}

/** An answer's text for a ticket, in the requester's language (else English), with the ticket's variables filled in. */
export async function renderAnswer(desk: DeskContext, user: User, id: number, ticketId: number): Promise<{ text: string; locale: string }> {
  const answer = await findAnswer(desk.db, id);
  if (!answer || !mayUse(user, answer)) throw notFound(`The prepared answer ${id}`);
  const snapshot = await deskSnapshot(desk);
  const ticket = await findTicket(desk.db, ticketId);
  if (!ticket || !followsTicket(user, ticket, (q) => snapshot.directory.queues.get(q)?.group)) throw notFound(`Ticket ${ticketId}`);
  const subject = notifySubject(await loadCase(desk, desk.db, ticket, snapshot), {});
  if (!subject) throw new DeskError(409, 'conflict', "The ticket's queue or SLA policy no longer exists, so its variables cannot be filled in");
  const wanted = subject.requester.locale ?? 'en';
  const locale = answer.texts[wanted as 'en'] !== undefined ? wanted : answer.texts.en !== undefined ? 'en' : Object.keys(answer.texts)[0]!;
  try {
    const rendered = renderTemplate({ subject: '', body: answer.texts[locale as 'en']! }, renderContext(templateContext(subject), subject.requester, locale));
    return { text: rendered.text, locale };
  } catch (error) {
    throw new DeskError(422, 'validation', 'The prepared answer cannot be rendered for this ticket', [{ path: `texts.${locale}`, message: (error as Error).message }]);
  }
}

function check(input: PreparedAnswerInput) {
  const problems = Object.entries(input.texts).flatMap(([locale, text]) =>
    checkTemplate({ subject: '', body: text ?? '' }).map((p) => ({ path: `texts.${locale}`, message: `line ${p.line}, column ${p.column}: ${p.message}` })),
  );
  if (problems.length) throw invalid('The prepared answer is not a valid template', problems);
}

async function checkGroup(desk: DeskContext, input: PreparedAnswerInput) {
  if (input.group === null) return;
  const group = await desk.db.selectFrom('groups').select('id').where('id', '=', input.group).executeTakeFirst();
  if (!group) throw invalid('There is no such group', [{ path: 'group', message: `"${input.group}" is not a group` }]);
}

export async function createAnswer(desk: DeskContext, user: User, input: PreparedAnswerInput): Promise<PreparedAnswer> {
  check(input);
  await checkGroup(desk, input);
  return insertAnswer(desk.db, input, user.id, desk.now().toISOString());
}

export async function saveAnswer(desk: DeskContext, user: User, id: number, input: PreparedAnswerInput & { rowVersion: number }): Promise<PreparedAnswer> {
  check(input);
  await checkGroup(desk, input);
  return inTransaction(desk.db, async (db) => {
    const current = await findAnswer(db, id);
    if (!current) throw notFound(`The prepared answer ${id}`);
    if (!(await updateAnswer(db, id, input.rowVersion, { name: input.name, group: input.group, texts: input.texts }, user.id, desk.now().toISOString()))) {
      throw new DeskError(409, 'conflict', 'Someone else saved this prepared answer since you opened it', [{ path: 'rowVersion', message: `is ${input.rowVersion}, the answer is now at ${current.rowVersion}` }]);
    }
    return (await findAnswer(db, id))!;
  });
}

export async function removeAnswer(desk: DeskContext, id: number): Promise<void> {
  if (!(await deleteAnswer(desk.db, id))) throw notFound(`The prepared answer ${id}`);
}

export const allAnswers = (desk: DeskContext) => listAnswers(desk.db);
