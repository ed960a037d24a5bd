/**
 * Fills an empty demo desk with the story in demo-tickets.ts, played through
 * the same services people's clicks use, each step on a clock set back to
 * when it happened: the history, SLA clocks, escalations and ratings are
 * those a real fortnight would have left. Never used by `serve`.
 */
import { findUserById, findUserIdByEmail } from '../db/users.repository.ts';
import type { User } from '../engine/people/people.schema.ts';
import { createUser } from '../services/auth.service.ts';
import { closeUnansweredResolutions } from '../services/auto-close.service.ts';
import type { DeskContext } from '../services/desk-context.ts';
import { runEscalations } from '../services/escalation.service.ts';
import { submitForm } from '../services/intake.service.ts';
import {
  assignTicket,
  commentOnTicket,
  confirmTicket,
  escalateTicket,
  reopenTicket,
  transitionTicket,
} from '../services/ticket-actions.service.ts';
import { demoRequesters, demoTickets, type DemoActor, type DemoStep, type DemoTicket } from './demo-tickets.ts';
import { hasTickets, markDemoData } from './demo.repository.ts';

const minute = 60_000;
const emailOf = (actor: DemoActor) => `${actor}@example.com`;

/** Fills the desk with demo tickets unless it has tickets already; returns how many it made. */
export async function fillDemoDesk(desk: DeskContext, story: readonly DemoTicket[] = demoTickets): Promise<number> {
  if (await hasTickets(desk.db)) return 0;
  const now = desk.now();
  const people = new Map<DemoActor, User>();
  for (const r of demoRequesters) {
    if (!(await findUserIdByEmail(desk.db, emailOf(r.key)))) {
      // No password: these people exist to have asked for help, not to sign in.
      await createUser(desk, { email: emailOf(r.key), name: r.name, roles: ['requester'], groups: [], locale: r.locale, timeZone: r.timeZone });
    }
  }
  const person = async (actor: DemoActor): Promise<User> => {
    let user = people.get(actor);
    if (!user) {
      const id = await findUserIdByEmail(desk.db, emailOf(actor));
      user = id ? await findUserById(desk.db, id) : undefined;
      if (!user) throw new Error(`the demo needs the account ${emailOf(actor)}`);
      people.set(actor, user);
    }
    return user;
  };

  // Oldest first, so ticket numbers follow the order they were logged in.
  const ordered = [...story].sort((a, b) => b.age - a.age);
  for (const t of ordered) {
    const loggedAt = now.getTime() - t.age * minute;
    let clock = new Date(loggedAt);
    // No wake-ups while filling: the scheduler looks once everything is written.
    const then: DeskContext = { db: desk.db, config: desk.config, now: () => clock };
    const requester = await person(t.from);
    const { ticket } = await submitForm(then, requester, t.workflow, t.fields, null);
    for (const step of t.steps ?? []) {
      const at = loggedAt + step.at * minute;
      if (at >= now.getTime()) break;
      clock = new Date(at);
      await play(then, await person(step.by ?? t.from), ticket.id, step);
    }
  }
  // What the desk's own jobs would have done meanwhile: close unanswered resolutions, fire SLA escalations.
  await closeUnansweredResolutions(desk);
  await runEscalations(desk);
  await markDemoData(desk.db, ordered.length);
  desk.onOutboxWritten?.();
  desk.onTicketChanged?.();
  return ordered.length;
}

async function play(desk: DeskContext, user: User, id: number, step: DemoStep): Promise<void> {
  switch (step.do) {
    case 'claim':
      await assignTicket(desk, user, id, { agentId: user.id });
      return;
    case 'reply':
    case 'answer':
      await commentOnTicket(desk, user, id, { body: step.body, internal: false });
      return;
    case 'note':
      await commentOnTicket(desk, user, id, { body: step.body, internal: true });
      return;
    case 'pending':
      await transitionTicket(desk, user, id, { to: 'pending', comment: step.comment });
      return;
    case 'open':
      await transitionTicket(desk, user, id, { to: 'open' });
      return;
    case 'escalate':
      await escalateTicket(desk, user, id, { kind: 'functional', queue: step.queue, reason: step.reason });
      return;
    case 'manager':
      await escalateTicket(desk, user, id, { kind: 'hierarchical', reason: step.reason });
      return;
    case 'resolve':
      await transitionTicket(desk, user, id, { to: 'resolved', resolution: { code: step.code, notes: step.notes } });
      return;
    case 'confirm':
      await confirmTicket(desk, user, id, { rating: step.rating, ...(step.comment ? { comment: step.comment } : {}) });
      return;
    case 'reopen':
      await reopenTicket(desk, user, id, { reason: step.reason });
      return;
  }
}
