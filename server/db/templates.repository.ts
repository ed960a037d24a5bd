/** Notification templates per name and locale. */
import type { DeskDb } from './database.ts';
import { bumpSettingsRevision } from './settings-revision.repository.ts';
import { fallbackLocale, type TemplateLookup } from '../engine/notifications.ts';
import type { StoredTemplate } from '../engine/template.schema.ts';

export type { StoredTemplate };

export async function listTemplates(db: DeskDb): Promise<StoredTemplate[]> {
  const rows = await db.selectFrom('templates').selectAll().orderBy('name').orderBy('locale').execute();
  return rows.map((r) => ({
    name: r.name,
    locale: r.locale,
    subject: r.subject,
    body: r.body,
    origin: r.origin as StoredTemplate['origin'],
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  }));
}

export async function upsertTemplate(db: DeskDb, t: Omit<StoredTemplate, 'updatedBy'> & { updatedBy: string | null }): Promise<void> {
  const values = { subject: t.subject, body: t.body, origin: t.origin, updated_at: t.updatedAt, updated_by: t.updatedBy };
  await db
    .insertInto('templates')
    .values({ name: t.name, locale: t.locale, ...values })
    .onConflict((oc) => oc.columns(['name', 'locale']).doUpdateSet(values))
    .execute();
  await bumpSettingsRevision(db);
}

/** Removes one locale of a template; false when there was none. */
export async function deleteTemplate(db: DeskDb, name: string, locale: string): Promise<boolean> {
  const result = await db.deleteFrom('templates').where('name', '=', name).where('locale', '=', locale).executeTakeFirst();
  if (result.numDeletedRows === 0n) return false;
  await bumpSettingsRevision(db);
  return true;
}

/** All templates, as the lookup the engine takes. */
export async function loadTemplateLookup(db: DeskDb): Promise<{ lookup: TemplateLookup; names: Set<string> }> {
  const all = await listTemplates(db);
  const byKey = new Map(all.map((t) => [`${t.locale}/${t.name}`, t]));
  return {
    lookup: (name, locale) => byKey.get(`${locale}/${name}`),
    names: new Set(all.filter((t) => t.locale === fallbackLocale).map((t) => t.name)),
  };
}
