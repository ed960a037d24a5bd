/**
 * Checking a draft without saving it, reading one published version, and
 * rolling back: publishing an old version's definition again as the next
 * version, with the draft following it.
 */
import { DeskError, notFound } from '../errors.ts';
import { inTransaction } from '../db/transaction.ts';
import { findDraft, findVersion, insertVersion, latestVersion, saveDraft, type WorkflowVersion } from '../db/workflows.repository.ts';
import type { User } from '../engine/people/people.schema.ts';
import type { Problem } from '../engine/problems.ts';
import type { WorkflowDefinition } from '../engine/workflow/workflow.schema.ts';
import type { DeskContext } from './desk-context.ts';
import { assertValidWorkflow, sameDefinition } from './workflow.service.ts';

/**
 * The problems a save of this definition would be refused with — the same
 * paths and messages — without storing anything. With none, also the
 * definition as it would be published (defaults filled in), so the builder
 * can compare it with a published version.
 */
export async function checkDraft(desk: DeskContext, id: string, definition: unknown): Promise<{ problems: Problem[]; definition?: WorkflowDefinition }> {
  try {
    return { problems: [], definition: await assertValidWorkflow(desk.db, definition, id) };
  } catch (e) {
    if (e instanceof DeskError && e.status === 422) return { problems: e.errors ?? [] };
    throw e;
  }
}

export async function workflowVersion(desk: DeskContext, id: string, version: number): Promise<WorkflowVersion> {
  const found = await findVersion(desk.db, id, version);
  if (!found) throw notFound(`Version ${version} of the workflow "${id}"`);
  return found;
}

export interface Rollback {
  version: number;
  note: string;
  /** Throw away a draft with changes nobody published; without it such a draft is a 409. */
  discardDraft?: boolean;
  /** The draft revision the admin is looking at; someone else's newer save is a 409 `conflict`, so it is never discarded unseen. */
  baseRevision?: number;
}

/**
 * Publishes version `version`'s definition again as the next version and
 * makes it the draft (a new draft revision), so the builder shows what is
 * live. A draft with unpublished changes is not thrown away silently: 409
 * `draft-ahead` unless `discardDraft`. The old definition is checked against
 * the desk as it is now (a queue it names may have gone): 422 with the paths.
 */
export async function rollbackWorkflow(desk: DeskContext, actor: User | null, id: string, r: Rollback): Promise<{ version: WorkflowVersion; revision: number }> {
  return inTransaction(desk.db, async (trx) => {
    const draft = await findDraft(trx, id);
    if (!draft) throw notFound(`The workflow "${id}"`);
    if (r.baseRevision !== undefined && draft.revision !== r.baseRevision) {
      throw new DeskError(409, 'conflict', `Someone else saved this draft (revision ${draft.revision}) after you opened revision ${r.baseRevision}`);
    }
    const old = await findVersion(trx, id, r.version);
    if (!old) throw notFound(`Version ${r.version} of the workflow "${id}"`);
    const latest = (await latestVersion(trx, id))!;
    if (!r.discardDraft && !sameDefinition(draft.draft, latest.definition)) {
      throw new DeskError(
        409,
        'draft-ahead',
        `The draft has changes that are not published (revision ${draft.revision}); publish or discard them first, or roll back with "discardDraft": true`,
      );
    }
    if (sameDefinition(old.definition, latest.definition)) {
      throw new DeskError(409, 'nothing-to-publish', `Version ${latest.version} is already the same as version ${old.version}`);
    }
    const definition = await assertValidWorkflow(trx, old.definition, id);
    const at = desk.now().toISOString();
    const by = actor?.email ?? null;
    const next = latest.version + 1;
    const versionId = await insertVersion(trx, { workflowId: id, version: next, definition, note: r.note, at, by });
    const revision = await saveDraft(trx, { id, draft: definition, at, by });
    return { version: { id: versionId, workflowId: id, version: next, definition, note: r.note, publishedAt: at, publishedBy: by }, revision };
  });
}
