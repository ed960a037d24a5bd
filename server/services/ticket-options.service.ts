/**
 * What a ticket screen needs beside the ticket itself: its form and states
 * (for labels), the people named in it, and the actions the caller may take
 * now. Read-only; every change still goes through the ticket actions, which
 * check everything again.
 */
import { findUsersByIds } from '../db/users.repository.ts';
import { findVersionById } from '../db/workflows.repository.ts';
import type { User } from '../engine/people/people.schema.ts';
import { worksOnTicket } from '../engine/people/visibility.ts';
import { escalationTargets } from '../engine/tickets/escalation-targets.ts';
import { lifecycleOf, openTransitions } from '../engine/tickets/lifecycle.ts';
import { ruleData } from '../engine/tickets/ticket-case.ts';
import type { LocalisedText } from '../engine/workflow/primitives.ts';
import type { DeskContext } from './desk-context.ts';
import { deskSnapshot } from './desk-snapshot.ts';
import { getTicket } from './ticket.service.ts';

export async function ticketOptions(desk: DeskContext, user: User, id: number) {
  // getTicket decides visibility (404 for anyone who may not see it) and which history they see.
  const [{ ticket, events }, snapshot] = await Promise.all([getTicket(desk, user, id), deskSnapshot(desk)]);
  const newest = snapshot.published.get(ticket.workflowId);
  const personIds = [ticket.requesterId, ...(ticket.assigneeId ? [ticket.assigneeId] : []), ...events.flatMap((e) => (e.actorId ? [e.actorId] : []))];
  const [version, found] = await Promise.all([
    newest?.id === ticket.workflowVersionId ? newest : findVersionById(desk.db, ticket.workflowVersionId),
    findUsersByIds(desk.db, personIds),
  ]);
  if (!version) throw new Error(`ticket ${ticket.id} refers to a missing workflow version`);
  const definition = version.definition;
  const queues = snapshot.directory.queues;
  const queue = queues.get(ticket.queue);
  const staff = worksOnTicket(user, ticket, (q) => queues.get(q)?.group);
  const as = staff ? ('staff' as const) : ticket.requesterId === user.id ? ('requester' as const) : ('follower' as const);
  const lifecycle = lifecycleOf(definition);
  const label = (s: { label?: LocalisedText | undefined }) => s.label ?? null;
  const requester = found.find((u) => u.id === ticket.requesterId);
  const seesEmails = as !== 'requester';

  return {
    as,
    workflow: { id: version.workflowId, name: definition.name, form: { fields: definition.form.fields } },
    states: lifecycle.states.map((s) => ({ id: s.id, class: s.class, label: label(s) })),
    transitions:
      staff && requester
        ? openTransitions(lifecycle, ticket.status, user, ruleData(ticket, requester)).map(({ to, transition }) => ({
            id: to.id,
            class: to.class,
            label: label(to),
            requires: transition.requires,
          }))
        : [],
    resolutionCodes: definition.resolution.codes,
    escalateTo: staff
      ? escalationTargets(definition, ticket).flatMap((q) => {
          const target = queues.get(q);
          return target ? [{ id: q, name: target.name }] : [];
        })
      : [],
    canEscalateToManager: staff && Boolean(queue?.manager),
    assignees: staff ? (queue?.members ?? []).map((m) => ({ id: m.id, name: m.name, email: m.email })) : [],
    people: found.map((u) => ({ id: u.id, name: u.name, ...(seesEmails ? { email: u.email } : {}) })),
    queues: as === 'requester' ? [] : [...queues.values()].map((q) => ({ id: q.id, name: q.name })),
  };
}
