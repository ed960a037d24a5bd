/** Workflows: an editable draft each, and immutable published versions. */
import type { DeskDb } from './database.ts';
import { bumpSettingsRevision } from './settings-revision.repository.ts';
import type { WorkflowVersionRow } from './schema.ts';
import type { WorkflowDefinition } from '../engine/workflow/workflow.schema.ts';
import type { WorkflowDraft, WorkflowVersion } from '../engine/workflow/workflow-admin.schema.ts';

export type { WorkflowDraft, WorkflowVersion };

function toVersion(row: WorkflowVersionRow): WorkflowVersion {
  return {
    id: row.id,
    workflowId: row.workflow_id,
    version: row.version,
    definition: JSON.parse(row.definition) as WorkflowDefinition,
    note: row.note,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
  };
}

export async function findDraft(db: DeskDb, id: string): Promise<WorkflowDraft | undefined> {
  const row = await db.selectFrom('workflows').selectAll().where('id', '=', id).executeTakeFirst();
  return row && { id: row.id, draft: JSON.parse(row.draft), revision: row.draft_revision, updatedAt: row.draft_updated_at, updatedBy: row.draft_updated_by };
}

export async function listDrafts(db: DeskDb): Promise<WorkflowDraft[]> {
  const rows = await db.selectFrom('workflows').selectAll().orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, draft: JSON.parse(row.draft), revision: row.draft_revision, updatedAt: row.draft_updated_at, updatedBy: row.draft_updated_by }));
}

/** Saves a draft; returns its new revision. */
export async function saveDraft(db: DeskDb, d: { id: string; draft: unknown; at: string; by: string | null }): Promise<number> {
  const draft = JSON.stringify(d.draft);
  const row = await db
    .insertInto('workflows')
    .values({ id: d.id, draft, draft_revision: 1, draft_updated_at: d.at, draft_updated_by: d.by, created_at: d.at })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        draft,
        draft_revision: eb('workflows.draft_revision', '+', 1),
        draft_updated_at: d.at,
        draft_updated_by: d.by,
      })),
    )
    .returning('draft_revision')
    .executeTakeFirstOrThrow();
  return row.draft_revision;
}

export async function latestVersion(db: DeskDb, workflowId: string): Promise<WorkflowVersion | undefined> {
  const row = await db
    .selectFrom('workflow_versions')
    .selectAll()
    .where('workflow_id', '=', workflowId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && toVersion(row);
}

/** The newest published version of every workflow. */
export async function latestVersions(db: DeskDb): Promise<WorkflowVersion[]> {
  const rows = await db
    .selectFrom('workflow_versions as v')
    .selectAll('v')
    .where('v.version', '=', (eb) =>
      eb.selectFrom('workflow_versions as w').select((e) => e.fn.max('w.version').as('m')).whereRef('w.workflow_id', '=', 'v.workflow_id'),
    )
    .orderBy('v.workflow_id')
    .execute();
  return rows.map(toVersion);
}

export async function listVersions(db: DeskDb, workflowId: string): Promise<WorkflowVersion[]> {
  const rows = await db.selectFrom('workflow_versions').selectAll().where('workflow_id', '=', workflowId).orderBy('version', 'desc').execute();
  return rows.map(toVersion);
}

export async function findVersion(db: DeskDb, workflowId: string, version: number): Promise<WorkflowVersion | undefined> {
  const row = await db.selectFrom('workflow_versions').selectAll().where('workflow_id', '=', workflowId).where('version', '=', version).executeTakeFirst();
  return row && toVersion(row);
}

export async function findVersionById(db: DeskDb, id: number): Promise<WorkflowVersion | undefined> {
  const row = await db.selectFrom('workflow_versions').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toVersion(row);
}

export async function insertVersion(
  db: DeskDb,
  v: { workflowId: string; version: number; definition: WorkflowDefinition; note: string | null; at: string; by: string | null },
): Promise<number> {
  const row = await db
    .insertInto('workflow_versions')
    .values({
      workflow_id: v.workflowId,
      version: v.version,
      definition: JSON.stringify(v.definition),
      note: v.note,
      published_at: v.at,
      published_by: v.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await bumpSettingsRevision(db);
  return row.id;
}
