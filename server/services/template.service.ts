/** Notification templates: admins edit them, the engine renders them. */
import { DeskError } from '../errors.ts';
import type { DeskDb } from '../db/database.ts';
import { shippedTemplates } from '../assets.ts';
import { deleteTemplate, listTemplates, upsertTemplate, type StoredTemplate } from '../db/templates.repository.ts';
import { inTransaction } from '../db/transaction.ts';
import { latestVersions, listDrafts } from '../db/workflows.repository.ts';
import { findTicket } from '../db/tickets.repository.ts';
import { fallbackLocale, renderContext, renderFor, type TemplateContext, type TemplateLookup } from '../engine/notifications.ts';
import { templateUses } from '../engine/template-usage.ts';
import { templateVariables } from '../engine/template-variables.ts';
import { allowedHelpers, checkTemplate, helperGuide, type TemplateSource } from '../engine/templates.ts';
import { notifySubject } from '../engine/tickets/ticket-case.ts';
import { templateContext } from '../engine/tickets/notify.ts';
import { deskSnapshot } from './desk-snapshot.ts';
import { loadCase } from './ticket-work.service.ts';
import type { DeskContext } from './desk-context.ts';

/** All templates, as the lookup the engine takes. */
export async function loadTemplateLookup(db: DeskDb): Promise<{ lookup: TemplateLookup; names: Set<string> }> {
  const all = await listTemplates(db);
  const byKey = new Map(all.map((t) => [`${t.locale}/${t.name}`, t]));
  return {
    lookup: (name, locale) => byKey.get(`${locale}/${name}`),
    names: new Set(all.filter((t) => t.locale === fallbackLocale).map((t) => t.name)),
  };
}

/** Refuses a template that does not compile, naming the part, line and column of each problem. */
export function assertTemplateValid(source: TemplateSource, name?: string): void {
  const problems = checkTemplate(source);
  if (problems.length) {
    throw new DeskError(
      422,
      'validation',
      name ? `The template ${name} cannot be used` : 'The template cannot be used',
      problems.map((p) => ({ path: `${p.part}:${p.line}:${p.column}`, message: `line ${p.line}, column ${p.column}: ${p.message}` })),
    );
  }
}

/** Saves an admin's template; from now on shipped defaults never overwrite it. */
export async function saveTemplate(desk: DeskContext, actorId: string, name: string, locale: string, source: TemplateSource): Promise<StoredTemplate> {
  assertTemplateValid(source);
  const template: StoredTemplate = { name, locale, ...source, origin: 'custom', updatedAt: desk.now().toISOString(), updatedBy: actorId };
  await upsertTemplate(desk.db, template);
  return template;
}

/** Every stored template, each with whether the desk ships a version of it to return to. */
export async function templatesWithShipped(desk: DeskContext): Promise<(StoredTemplate & { shippedVersion: boolean })[]> {
  const shipped = new Set(shippedTemplates().map((t) => `${t.locale}/${t.name}`));
  return (await listTemplates(desk.db)).map((t) => ({ ...t, shippedVersion: shipped.has(`${t.locale}/${t.name}`) }));
}

async function storedTemplateOrThrow(db: DeskDb, name: string, locale: string): Promise<StoredTemplate> {
  const stored = (await listTemplates(db)).find((t) => t.name === name && t.locale === locale);
  if (!stored) throw new DeskError(404, 'not-found', `The template ${locale}/${name} was not found`);
  return stored;
}

/** Puts back the text the desk ships for this name and locale; from then on shipped updates reach it again. */
export async function revertTemplate(desk: DeskContext, actorId: string, name: string, locale: string): Promise<StoredTemplate> {
  await storedTemplateOrThrow(desk.db, name, locale);
  const shipped = shippedTemplates().find((t) => t.name === name && t.locale === locale);
  if (!shipped) throw new DeskError(409, 'conflict', `The desk ships no template ${locale}/${name} to return to`);
  const template: StoredTemplate = { name, locale, subject: shipped.subject, body: shipped.body, origin: 'shipped', updatedAt: desk.now().toISOString(), updatedBy: actorId };
  await upsertTemplate(desk.db, template);
  return template;
}

/** Which workflows name the template, in their published version or their draft, and where. */
async function workflowsUsing(db: DeskDb, name: string): Promise<{ path: string; message: string }[]> {
  const [published, drafts] = await Promise.all([latestVersions(db), listDrafts(db)]);
  return [
    ...published.flatMap((v) => templateUses(v.definition, name).map((at) => ({ path: v.workflowId, message: `version ${v.version} sends it (${at})` }))),
    ...drafts.flatMap((d) => templateUses(d.draft, name).map((at) => ({ path: d.id, message: `the draft sends it (${at})` }))),
  ];
}

/**
 * Deletes a template an admin made. One the desk ships is returned to its
 * shipped text instead (it would come back at the next start), and one a
 * workflow sends — published or draft — is refused, naming the workflows.
 */
export async function removeTemplate(desk: DeskContext, name: string, locale: string): Promise<void> {
  await inTransaction(desk.db, async (trx) => {
    await storedTemplateOrThrow(trx, name, locale);
    if (shippedTemplates().some((t) => t.name === name && t.locale === locale)) {
      throw new DeskError(409, 'conflict', `The template ${locale}/${name} ships with the desk: return it to the shipped text instead of deleting it`);
    }
    const uses = await workflowsUsing(trx, name);
    if (uses.length) {
      const ids = [...new Set(uses.map((u) => u.path))];
      const by = `${ids.length === 1 ? 'workflow' : 'workflows'} ${ids.join(', ')}`;
      throw new DeskError(409, 'conflict', `The template ${name} is used by the ${by}: change their notifications first`, uses);
    }
    await deleteTemplate(trx, name, locale);
  });
}

/**
 * Installs a shipped template: added when missing, updated when the stored
 * one is also shipped, left alone when an admin customised it.
 */
export async function installShippedTemplate(db: DeskDb, at: string, t: { name: string; locale: string } & TemplateSource): Promise<'added' | 'updated' | 'kept'> {
  assertTemplateValid(t, `templates/${t.locale}/${t.name}.hbs`);
  const existing = (await listTemplates(db)).find((s) => s.name === t.name && s.locale === t.locale);
  if (existing?.origin === 'custom') return 'kept';
  if (existing && existing.subject === t.subject && existing.body === t.body) return 'kept';
  await upsertTemplate(db, { ...t, origin: 'shipped', updatedAt: at, updatedBy: null });
  return existing ? 'updated' : 'added';
}

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
