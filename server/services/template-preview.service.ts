/**
 * Previews of notification templates for the builder: a template rendered
 * against a sample ticket or a real one, and the variables it may use.
 * Nothing is written.
 */
import { DeskError } from '../errors.ts';
import { findTicket } from '../db/tickets.repository.ts';
import { renderContext, renderFor, type TemplateContext } from '../engine/notifications.ts';
import { templateVariables } from '../engine/template-variables.ts';
import { allowedHelpers, helperGuide, type TemplateSource } from '../engine/templates.ts';
import { notifySubject } from '../engine/tickets/ticket-case.ts';
import { templateContext } from '../engine/tickets/notify.ts';
import type { DeskContext } from './desk-context.ts';
import { deskSnapshot } from './desk-snapshot.ts';
import { assertTemplateValid } from './template.service.ts';
import { loadCase } from './ticket-work.service.ts';

/** A sample ticket for previews, so an admin sees a realistic message. */
export function sampleContext(desk: DeskContext, ticket?: Partial<TemplateContext['ticket']>): TemplateContext {
  const now = desk.now();
  const inMinutes = (m: number) => new Date(now.getTime() + m * 60_000).toISOString();
  return {
    ticket: {
      id: 1042,
      number: 'INC-1042',
      title: 'VPN drops every few minutes',
      kind: 'incident',
      status: 'new',
      category: 'network',
      priority: 'P2',
      queue: { id: 'network', name: { en: 'Network', cy: 'Rhwydwaith' } },
      fields: { summary: 'VPN drops every few minutes', service: 'vpn', impact: 'team', urgency: 'high' },
      createdAt: now.toISOString(),
      slaDue: { response: inMinutes(30), resolution: inMinutes(480) },
      ...ticket,
    },
    requester: { name: 'Alex Requester', email: 'alex@example.com' },
    assignee: { name: 'Sam Agent', email: 'sam@example.com' },
    workflow: { id: 'it-incident', name: { en: 'Something is broken' } },
    sla: { policy: 'standard', responseMinutes: 30, resolutionMinutes: 480, responseDue: inMinutes(30), resolutionDue: inMinutes(480) },
    links: { ticket: `${desk.config.publicUrl}/tickets/1042` },
    desk: { name: desk.config.deskName, url: desk.config.publicUrl },
    comment: { body: 'Could you try reconnecting now? We restarted the VPN gateway.', author: 'Sam Agent' },
    escalation: { kind: 'functional', reason: 'Needs the network team: the gateway logs show dropped sessions', fromQueue: 'First line', toQueue: 'Network' },
    resolution: { code: 'solved', notes: 'Replaced the faulty VPN gateway certificate.' },
    reopenReason: 'It dropped again this morning.',
    satisfaction: { rating: 5, comment: 'Quick and friendly, thank you.' },
    approval: { step: 'manager', link: `${desk.config.publicUrl}/approve/sample`, decision: 'rejected', decidedBy: 'Mo Manager', comment: 'Read access is enough for this project.' },
  };
}

/** The ticket a preview renders against: the sample (with any overrides) or a real ticket's context as it is now. */
export interface PreviewTicket {
  ticket?: Partial<TemplateContext['ticket']>;
  ticketId?: number;
}

async function previewContext(desk: DeskContext, from: PreviewTicket): Promise<TemplateContext> {
  if (from.ticketId === undefined) return sampleContext(desk, from.ticket);
  const ticket = await findTicket(desk.db, from.ticketId);
  if (!ticket) throw new DeskError(422, 'validation', 'There is no such ticket to preview with', [{ path: 'ticketId', message: `ticket ${from.ticketId} does not exist` }]);
  const c = await loadCase(desk, desk.db, ticket, await deskSnapshot(desk));
  const subject = notifySubject(c, {});
  if (!subject) throw new DeskError(422, 'validation', 'That ticket cannot be previewed', [{ path: 'ticketId', message: 'its queue or SLA policy no longer exists' }]);
  return templateContext(subject);
}

const previewRecipient = (locale: string) => ({ name: 'Alex Requester', email: 'alex@example.com', locale });

/** Renders a template (saved or not) against a sample or real ticket, with nothing written. */
export async function previewTemplate(desk: DeskContext, source: TemplateSource, locale: string, from: PreviewTicket = {}) {
  assertTemplateValid(source);
  const context = await previewContext(desk, from);
  const rendered = renderFor(() => source, 'preview', previewRecipient(locale), context);
  if (rendered.status === 'failed') throw new DeskError(422, 'validation', 'The template cannot be rendered', [{ path: 'template', message: rendered.error ?? 'render failed' }]);
  return { subject: rendered.subject, text: rendered.text, html: rendered.html };
}

/** The variables and helpers a template may use, with the values the preview in `locale` shows. */
export async function templateGuide(desk: DeskContext, locale: string, from: PreviewTicket = {}) {
  const context = renderContext(await previewContext(desk, from), previewRecipient(locale), locale);
  return {
    variables: templateVariables(context),
    helpers: allowedHelpers.map((name) => ({ name, ...helperGuide[name] })),
  };
}
