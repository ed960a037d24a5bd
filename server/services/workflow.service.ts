/** Admins' side of workflows: drafts, validation, publishing, simulation, import and export. */
import { inTransaction } from '../db/transaction.ts';
import { isDeepStrictEqual } from 'node:util';
import { DeskError, invalid, notFound } from '../errors.ts';
import type { DeskDb } from '../db/database.ts';
import { listGroups, listQueues, listSlaPolicies } from '../db/desk.repository.ts';
import { findDraft, insertVersion, latestVersion, listDrafts, listVersions, saveDraft, type WorkflowVersion } from '../db/workflows.repository.ts';
import { submit, type IntakeResult } from '../engine/intake.ts';
import type { User } from '../engine/people/people.schema.ts';
import { validateWorkflow, type WorkflowReferences } from '../engine/workflow/validate-workflow.ts';
import { workflowDefinition, type WorkflowDefinition } from '../engine/workflow/workflow.schema.ts';
import type { WorkflowSummary } from '../engine/workflow/workflow-admin.schema.ts';
import type { DeskContext } from './desk-context.ts';
import { deskSnapshot } from './desk-snapshot.ts';
import { loadTemplateLookup } from '../db/templates.repository.ts';

export async function loadReferences(db: DeskDb): Promise<WorkflowReferences> {
  const [queues, policies, templates, groups] = await Promise.all([listQueues(db), listSlaPolicies(db), loadTemplateLookup(db), listGroups(db)]);
  return { queues: new Set(queues.map((q) => q.id)), slaPolicies: new Set(policies.map((p) => p.id)), templates: templates.names, groups: new Set(groups.map((g) => g.id)) };
}

/** Validates a definition against the desk as it is now; throws 422 listing every problem. */
export async function assertValidWorkflow(db: DeskDb, definition: unknown, id?: string): Promise<WorkflowDefinition> {
  const result = validateWorkflow(definition, await loadReferences(db));
  if (!result.ok) throw invalid('The workflow has problems', result.errors);
  if (id !== undefined && result.definition.id !== id) {
    throw invalid('The workflow has problems', [{ path: 'id', message: `must be "${id}", the workflow this draft belongs to` }]);
  }
  return result.definition;
}

export async function listWorkflows(desk: DeskContext): Promise<WorkflowSummary[]> {
  const drafts = await listDrafts(desk.db);
  return Promise.all(
    drafts.map(async (d) => {
      const latest = await latestVersion(desk.db, d.id);
      const draft = d.draft as Partial<WorkflowDefinition>;
      return {
        id: d.id,
        name: draft.name ?? null,
        kind: draft.kind ?? null,
        draftRevision: d.revision,
        draftUpdatedAt: d.updatedAt,
        draftUpdatedBy: d.updatedBy,
        published: latest ? { version: latest.version, publishedAt: latest.publishedAt } : null,
        draftAhead: !latest || !sameDefinition(d.draft, latest.definition),
      };
    }),
  );
}

/** Whether a draft (as saved, defaults not yet applied) says the same as a published definition. */
export function sameDefinition(draft: unknown, published: WorkflowDefinition): boolean {
  const parsed = workflowDefinition.safeParse(draft);
  if (!parsed.success) return false;
  const { $schema: _a, ...a } = parsed.data;
  const { $schema: _b, ...b } = published;
  return isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));
}

export async function getDraft(desk: DeskContext, id: string) {
  const draft = await findDraft(desk.db, id);
  if (!draft) throw notFound(`The workflow "${id}"`);
  return draft;
}

/**
 * Saves a workflow's draft after checking it fully. With `baseRevision`, a
 * draft someone else saved in between is a 409, not a lost edit.
 */
export async function saveWorkflowDraft(desk: DeskContext, actor: User | null, id: string, definition: unknown, baseRevision?: number) {
  return inTransaction(desk.db, async (trx) => {
    await assertValidWorkflow(trx, definition, id);
    const current = await findDraft(trx, id);
    if (baseRevision !== undefined && current && current.revision !== baseRevision) {
      throw new DeskError(409, 'conflict', `Someone else saved this draft (revision ${current.revision}) after you opened revision ${baseRevision}`);
    }
    const revision = await saveDraft(trx, { id, draft: definition, at: desk.now().toISOString(), by: actor?.email ?? null });
    return { id, revision };
  });
}

/** Publishes the draft as the next immutable version. Tickets keep the version they were created under. */
export async function publishWorkflow(desk: DeskContext, actor: User | null, id: string, note: string | null): Promise<WorkflowVersion> {
  return inTransaction(desk.db, async (trx) => {
    const draft = await findDraft(trx, id);
    if (!draft) throw notFound(`The workflow "${id}"`);
    const definition = await assertValidWorkflow(trx, draft.draft, id);
    const latest = await latestVersion(trx, id);
    if (latest && sameDefinition(definition, latest.definition)) {
      throw new DeskError(409, 'nothing-to-publish', `The draft is the same as version ${latest.version}; change something before publishing`);
    }
    const version = (latest?.version ?? 0) + 1;
    const at = desk.now().toISOString();
    const versionId = await insertVersion(trx, { workflowId: id, version, definition, note, at, by: actor?.email ?? null });
    return { id: versionId, workflowId: id, version, definition, note, publishedAt: at, publishedBy: actor?.email ?? null };
  });
}

export async function workflowVersions(desk: DeskContext, id: string): Promise<WorkflowVersion[]> {
  await getDraft(desk, id);
  return listVersions(desk.db, id);
}

/** The published definition (or the draft when nothing is published), as an importable file. */
export async function exportWorkflow(desk: DeskContext, id: string): Promise<unknown> {
  const latest = await latestVersion(desk.db, id);
  if (latest) return { $schema: './workflow.schema.json', ...latest.definition };
  return (await getDraft(desk, id)).draft;
}

/** Imports a definition as the draft of its workflow (created if new); publishing stays a separate step. */
export async function importWorkflow(desk: DeskContext, actor: User | null, definition: unknown) {
  const id = (definition as { id?: unknown } | null)?.id;
  if (typeof id !== 'string') throw invalid('The workflow has problems', [{ path: 'id', message: 'is required' }]);
  return saveWorkflowDraft(desk, actor, id, definition);
}

/**
 * Runs a submission through the draft and returns exactly what would happen
 * — ticket, queue, priority, SLA, rendered notifications — writing nothing.
 */
export async function simulateWorkflow(desk: DeskContext, requester: User, id: string, fields: unknown): Promise<IntakeResult> {
  const draft = await getDraft(desk, id);
  const definition = await assertValidWorkflow(desk.db, draft.draft, id);
  const snapshot = await deskSnapshot(desk);
  return submit({
    workflow: { id, versionId: 0, version: 0, definition },
    fields,
    requester,
    desk: snapshot.directory,
    templates: snapshot.templates,
    ticketId: null,
    now: desk.now(),
  });
}
