/**
 * Turns a workflow's notification rules into rendered messages, one per
 * recipient in their language. A template that fails to render gives a
 * failed notification for that recipient and stops nothing else.
 */
import type { TemplateContext, TemplateRecipient } from './template.schema.ts';
import { renderTemplate, type TemplateSource } from './templates.ts';
import type { LocalisedText } from './workflow/workflow.schema.ts';

export const fallbackLocale = 'en';

export interface Person {
  name: string;
  email: string;
  locale?: string;
  timeZone?: string;
}

/** Finds a template by name and locale; the engine falls back to `en`. */
export type TemplateLookup = (name: string, locale: string) => TemplateSource | undefined;

/** The fixed, documented context every template is rendered with: its one definition is the zod schema (docs/templates.md). */
export type { TemplateContext };

/** The parts of the context only some events fill in. */
export const noEventDetails = { comment: null, escalation: null, resolution: null, reopenReason: null, satisfaction: null, approval: null } as const;

export interface NotificationDraft {
  template: string;
  locale: string;
  recipient: Person;
  subject: string;
  text: string;
  html: string;
  /** `pending` to deliver; `failed` when it could not be rendered (`error` says why). */
  status: 'pending' | 'failed';
  error?: string;
}

/** Picks the text for a locale, falling back to English. */
export function localise(text: LocalisedText, locale: string): string {
  return text[locale] ?? text.en;
}

/**
 * What a template actually sees for one recipient: the context with the
 * queue's and workflow's names in the template's locale, plus `recipient`.
 */
export function renderContext(context: TemplateContext, recipient: Person, locale: string) {
  return {
    ...context,
    ticket: { ...context.ticket, queue: { id: context.ticket.queue.id, name: localise(context.ticket.queue.name, locale) } },
    workflow: { id: context.workflow.id, name: localise(context.workflow.name, locale) },
    recipient: { name: recipient.name, email: recipient.email, locale, timeZone: recipient.timeZone ?? 'UTC' } satisfies TemplateRecipient,
  };
}

/** Renders one template for one recipient, in their locale when the template has one. */
export function renderFor(
  templates: TemplateLookup,
  name: string,
  recipient: Person,
  context: TemplateContext,
): NotificationDraft {
  const wanted = recipient.locale ?? fallbackLocale;
  const found = templates(name, wanted);
  const locale = found ? wanted : fallbackLocale;
  const source = found ?? templates(name, fallbackLocale);
  const base = { template: name, locale, recipient };
  if (!source) return { ...base, subject: '', text: '', html: '', status: 'failed', error: `the template "${name}" does not exist` };
  try {
    const rendered = renderTemplate(source, renderContext(context, recipient, locale));
    return { ...base, ...rendered, status: 'pending' };
  } catch (error) {
    return { ...base, subject: '', text: '', html: '', status: 'failed', error: (error as Error).message };
  }
}

/** The people a list like `["requester", "queue.manager"]` names, without duplicates. */
export function resolveRecipients(
  to: readonly string[],
  people: { requester: Person; assignee: Person | null; queueMembers: readonly Person[]; queueManager: string | undefined },
): Person[] {
  const found = new Map<string, Person>();
  const add = (p: Person | null | undefined) => {
    if (p && !found.has(p.email.toLowerCase())) found.set(p.email.toLowerCase(), p);
  };
  for (const name of to) {
    if (name === 'requester') add(people.requester);
    else if (name === 'assignee') add(people.assignee);
    else if (name === 'queue') people.queueMembers.forEach(add);
    else if (name === 'queue.manager') add(people.queueManager ? { name: people.queueManager, email: people.queueManager } : null);
    else add({ name, email: name });
  }
  return [...found.values()];
}
