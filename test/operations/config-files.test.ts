/**
 * The desk's configuration as files: export writes desk.json, each workflow
 * and each template; importing them into another desk gives back the same
 * files; a folder with bad files is refused whole, each problem named by
 * file and path.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportConfig, importConfig } from '../../server/operations/config-files.ts';
import { openDeskDatabase, type OpenedDesk } from '../../server/operations/open-desk.ts';
import { startTestDesk, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let scratch: string;

beforeAll(async () => {
  t = await startTestDesk({ smtp: false });
  scratch = mkdtempSync(join(tmpdir(), 'deskwright-config-'));
});
afterAll(async () => {
  await t.close();
  rmSync(scratch, { recursive: true, force: true });
});

function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out[join(e.parentPath, e.name).slice(dir.length + 1)] = readFileSync(join(e.parentPath, e.name), 'utf8');
  }
  return out;
}

async function freshDesk(name: string): Promise<OpenedDesk> {
  return openDeskDatabase({ DESK_DB: join(scratch, name, 'desk.sqlite') });
}

describe('export-config and import-config', () => {
  it('export the workflows, desk settings and templates; importing them elsewhere gives the same files', async () => {
    const exported = join(scratch, 'exported');
    const report = await exportConfig(t.desk.context, exported);
    expect(report.workflows).toContain('it-incident');
    const files = filesOf(exported);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['workflows/desk.json', 'workflows/it-incident.json', 'templates/en/ack-requester.hbs']));
    expect(JSON.parse(files['workflows/desk.json']!).queues.map((q: { id: string }) => q.id)).toContain('network');

    const other = await freshDesk('other');
    try {
      const imported = await importConfig(other.context, exported);
      expect(imported.workflows.published.sort()).toEqual([...report.workflows].sort());
      const again = join(scratch, 'again');
      await exportConfig(other.context, again);
      expect(filesOf(again)).toEqual(files);
      // Importing the same files twice changes nothing.
      const twice = await importConfig(other.context, exported);
      expect(twice.workflows.published).toEqual([]);
      expect(twice.templates.changed).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('refuses a folder with bad files, naming each by file and path, and changes nothing', async () => {
    const good = join(scratch, 'good');
    await exportConfig(t.desk.context, good);
    const bad = join(scratch, 'bad');
    cpSync(good, bad, { recursive: true });
    const workflow = JSON.parse(readFileSync(join(bad, 'workflows/it-incident.json'), 'utf8'));
    const rule = workflow.categorise.findIndex((r: { set?: { queue?: string } }) => r.set?.queue);
    workflow.categorise[rule].set.queue = 'no-such-queue';
    writeFileSync(join(bad, 'workflows/it-incident.json'), JSON.stringify(workflow));
    const desk = JSON.parse(readFileSync(join(bad, 'workflows/desk.json'), 'utf8'));
    desk.queues[0].assignment = 'by-magic';
    writeFileSync(join(bad, 'workflows/desk.json'), JSON.stringify(desk));
    writeFileSync(join(bad, 'templates/en/ack-requester.hbs'), '---\nsubject: "Hi"\n---\n{{#if ticket.number}}unclosed');
    writeFileSync(join(bad, 'workflows/broken.json'), '{ "id": ');

    const other = await freshDesk('refused');
    try {
      const error = await importConfig(other.context, bad).then(() => null, (e: Error) => e);
      expect(error?.message).toContain('Nothing was imported');
      expect(error?.message).toContain(`workflows/it-incident.json: categorise[${rule}].set.queue:`);
      expect(error?.message).toContain('workflows/desk.json: queues[0].assignment:');
      expect(error?.message).toMatch(/templates\/en\/ack-requester\.hbs: body:\d+:\d+: line/);
      expect(error?.message).toContain('workflows/broken.json: is not valid JSON');
      const after = join(scratch, 'after-refusal');
      const report = await exportConfig(other.context, after);
      expect(report.workflows).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
