/**
 * Puts the shipped desk into a database: settings and workflows only into an
 * empty one; templates on every start, but never over an admin's own.
 */
import { inTransaction } from '../db/transaction.ts';
import { DeskError } from '../errors.ts';
import { listDrafts } from '../db/workflows.repository.ts';
import { deskSettings } from '../engine/desk/desk.schema.ts';
import { problemsFromZod } from '../engine/problems.ts';
import type { ShippedDefaults } from '../assets.ts';
import type { DeskContext } from './desk-context.ts';
import { importSettings } from './desk-settings.service.ts';
import { installShippedTemplate } from './template.service.ts';
import { publishWorkflow, saveWorkflowDraft } from './workflow.service.ts';

export interface DefaultsReport {
  templates: { added: number; updated: number; kept: number };
  workflowsPublished: string[];
}

export async function installDefaults(desk: DeskContext, shipped: ShippedDefaults): Promise<DefaultsReport> {
  const at = desk.now().toISOString();
  const report: DefaultsReport = { templates: { added: 0, updated: 0, kept: 0 }, workflowsPublished: [] };
  await inTransaction(desk.db, async (trx) => {
    for (const t of shipped.templates) report.templates[await installShippedTemplate(trx, at, t)] += 1;
    if ((await listDrafts(trx)).length > 0) return;
    const settings = deskSettings.safeParse(shipped.desk);
    if (!settings.success) {
      throw new DeskError(422, 'validation', 'The shipped desk.json is not valid', problemsFromZod(settings.error));
    }
    await importSettings(trx, settings.data);
    const inside = { ...desk, db: trx };
    for (const definition of shipped.workflows) {
      const id = (definition as { id: string }).id;
      await saveWorkflowDraft(inside, null, id, definition);
      await publishWorkflow(inside, null, id, 'Shipped with Deskwright');
      report.workflowsPublished.push(id);
    }
  });
  return report;
}
