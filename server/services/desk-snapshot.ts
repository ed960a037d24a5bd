/**
 * What every submission reads and admins rarely change — queues with their
 * members, SLA policies, templates, the published workflow versions — loaded
 * once and reused while the settings revision is unchanged. One indexed read
 * per submission instead of a dozen; safe with several processes on one file.
 */
import type { DeskDb } from '../db/database.ts';
import { settingsRevision } from '../db/settings-revision.repository.ts';
import { latestVersions, type WorkflowVersion } from '../db/workflows.repository.ts';
import type { DeskDirectory } from '../engine/intake.ts';
import type { TemplateLookup } from '../engine/notifications.ts';
import type { DeskContext } from './desk-context.ts';
import { loadDirectory } from './desk-settings.service.ts';
import { loadTemplateLookup } from '../db/templates.repository.ts';

export interface DeskSnapshot {
  revision: number;
  directory: DeskDirectory;
  templates: TemplateLookup;
  /** The newest published version of each workflow, by workflow id. */
  published: ReadonlyMap<string, WorkflowVersion>;
}

/** Keyed by the desk's configuration, which contexts spread for a transaction share with the desk. */
const snapshots = new WeakMap<DeskContext['config'], DeskSnapshot>();

/**
 * The current snapshot, read through `db`. Only for transactions that do not
 * change settings themselves (intake): a snapshot of uncommitted settings
 * could outlive a rollback under a revision number that is later reused.
 */
export async function deskSnapshot(desk: DeskContext, db: DeskDb = desk.db): Promise<DeskSnapshot> {
  const revision = await settingsRevision(db);
  const cached = snapshots.get(desk.config);
  if (cached?.revision === revision) return cached;
  const [directory, templates, versions] = await Promise.all([
    loadDirectory(db, { name: desk.config.deskName, url: desk.config.publicUrl }),
    loadTemplateLookup(db),
    latestVersions(db),
  ]);
  const snapshot = { revision, directory, templates: templates.lookup, published: new Map(versions.map((v) => [v.workflowId, v])) };
  snapshots.set(desk.config, snapshot);
  return snapshot;
}
