/**
 * One history event as a person reads it: a message (a reply, a note, a
 * reason) or a line saying what changed, by whom, in their language.
 */
import type { TicketEvent, TicketOptions } from '../api/types.ts';
import { i18n } from '../i18n/i18n.svelte.ts';
import type { MessageKey } from '../i18n/en.ts';
import { at } from '../alerts/t.ts';
import { wt } from '../i18n/walk/t.ts';
import { akt } from '../agent-knowledge/t.ts';

export interface DescribedEvent {
  kind: 'reply' | 'requester-reply' | 'note' | 'change' | 'notification';
  /** The line saying what happened, or who wrote the message. */
  line: string;
  /** The words someone wrote (a reply, a note, a reason), shown as they wrote them. */
  body?: string;
}

export interface EventContext {
  options: TicketOptions | undefined;
  meId: string;
  /** A queue's name in the reader's language, for staff. */
  queueName?: (id: string) => string;
}

const str = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

export function personName(id: string | null | undefined, ctx: EventContext): string {
  if (!id) return i18n.t('event.system');
  if (id === ctx.meId) return i18n.t('ticket.you');
  const found = ctx.options?.people.find((p) => p.id === id) ?? ctx.options?.assignees.find((p) => p.id === id);
  return found?.name ?? i18n.t('ticket.support');
}

export function stateLabel(id: unknown, ctx: EventContext): string {
  const state = ctx.options?.states.find((s) => s.id === id);
  if (!state) return str(id);
  return state.label ? i18n.text(state.label) : i18n.t(`state.${state.class}` as MessageKey);
}

export function describeEvent(e: TicketEvent, ctx: EventContext): DescribedEvent {
  const who = personName(e.actorId, ctx);
  const d = e.data as Record<string, unknown>;
  const queue = (id: unknown) => (ctx.queueName ? ctx.queueName(str(id)) : str(id));
  const files = (list: unknown) => (Array.isArray(list) ? list.map((f) => str((f as { filename?: unknown }).filename)).join(', ') : '');
  const change = (line: string, body?: unknown): DescribedEvent => ({ kind: 'change', line, ...(body ? { body: str(body) } : {}) });
  switch (e.type) {
    case 'ticket.created':
      return change(i18n.t('event.created', { who }));
    case 'reply.public':
      return { kind: 'reply', line: who, body: str(d.body) };
    case 'reply.requester':
      return { kind: 'requester-reply', line: who, body: str(d.body) };
    case 'note.internal':
      return { kind: 'note', line: `${i18n.t('event.internal')} · ${who}`, body: str(d.body) };
    case 'status.changed':
      return change(i18n.t('event.status', { who, from: stateLabel(d.from, ctx), to: stateLabel(d.to, ctx) }));
    case 'ticket.resolved': {
      const code = ctx.options?.resolutionCodes.find((c) => c.value === d.code);
      return change(i18n.t('event.resolved', { who, code: code ? i18n.text(code.label) : str(d.code) }), d.notes);
    }
    case 'ticket.closed':
      return change(i18n.t('event.closed'));
    case 'ticket.reopened':
      return change(i18n.t('event.reopened', { who }), d.reason);
    case 'satisfaction.recorded':
      return change(d.rating ? i18n.t('event.rated', { who, n: str(d.rating) }) : i18n.t('event.ratedComment', { who }), d.comment);
    case 'ticket.assigned': {
      const to = (d.to ?? {}) as { queue?: unknown; assignee?: unknown };
      const from = (d.from ?? {}) as { queue?: unknown };
      // Taking a ticket oneself reads as that ("You took it"), not as "You assigned it to You".
      if (to.assignee && e.actorId && to.assignee === e.actorId) return change(wt('event.took', { who }));
      if (to.assignee) return change(i18n.t('event.assigned', { who, to: personName(str(to.assignee), ctx) }));
      if (to.queue && to.queue !== from.queue) return change(i18n.t('event.assignedQueue', { who, queue: queue(to.queue) }));
      return change(i18n.t('event.assigned', { who, to: i18n.t('event.nobody') }));
    }
    case 'ticket.escalated':
      return d.kind === 'hierarchical'
        ? change(i18n.t('event.escalatedHierarchical', { who }), d.reason)
        : change(i18n.t('event.escalatedFunctional', { who, queue: queue(d.to) }), d.reason);
    case 'ticket.updated':
      return change(i18n.t('event.updated', { who, what: Object.keys((d.changes ?? {}) as object).join(', ') }));
    case 'notification.queued':
      return { kind: 'notification', line: i18n.t('event.notified', { to: str(d.to), subject: str(d.subject) }) };
    case 'notification.failed':
      return { kind: 'notification', line: i18n.t('event.notifyFailed', { to: str(d.to) }) };
    case 'attachment.added':
      return change(i18n.t('event.files', { who, files: files(d.attachments) }));
    case 'attachment.internal':
      return { kind: 'note', line: i18n.t('event.filesInternal', { who, files: files(d.attachments) }) };
    case 'ticket.linked':
      return change(i18n.t('event.linked', { who, id: str(d.to) }));
    case 'sla.paused':
      return change(i18n.t('event.slaPaused'));
    case 'sla.resumed':
      return change(i18n.t('event.slaResumed'));
    case 'escalation.fired':
      return change(i18n.t('event.escalationRule'));
    case 'alert.fired':
      return change(at('event.fired', { count: str(d.count) }));
    case 'alert.resolved':
      return change(at('event.resolved'));
    case 'alert.validated':
      return change(at('event.validated', { who }));
    case 'alert.linked':
      return change(at('event.linked', { who }));
    case 'article.used':
      return change(akt('event.used', { who, title: str(d.title) }));
    case 'article.drafted':
      return change(akt('event.drafted', { who, title: str(d.title) }));
    default:
      return change(i18n.t('event.other', { type: e.type }));
  }
}
