/** Notification templates: admins edit them, the engine renders them (previews: template-preview.service.ts). */
import { DeskError } from '../errors.ts';
import type { DeskDb } from '../db/database.ts';
import { shippedTemplates } from '../assets.ts';
import { deleteTemplate, listTemplates, upsertTemplate, type StoredTemplate } from '../db/templates.repository.ts';
import { inTransaction } from '../db/transaction.ts';
import { latestVersions, listDrafts } from '../db/workflows.repository.ts';
import { templateUses } from '../engine/template-usage.ts';
import { checkTemplate, type TemplateSource } from '../engine/templates.ts';
import type { DeskContext } from './desk-context.ts';

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
