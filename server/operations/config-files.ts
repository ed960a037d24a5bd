/**
 * `deskwright export-config DIR` and `import-config DIR`: the desk's
 * configuration as files, laid out like the shipped defaults so it can live
 * in git — `workflows/desk.json` (calendars, groups, queues, SLA policies),
 * `workflows/<id>.json` (each workflow's published definition) and
 * `templates/<locale>/<name>.hbs`. Import checks every file with the same
 * schemas and services as the admin API and the shipped defaults, in one
 * transaction: one bad file and nothing changes, and each problem is named
 * by file and path.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shippedTemplates } from '../assets.ts';
import { listCalendars, listGroups, listQueues, listSlaPolicies } from '../db/desk.repository.ts';
import { listTemplates, upsertTemplate } from '../db/templates.repository.ts';
import { inTransaction } from '../db/transaction.ts';
import { listDrafts } from '../db/workflows.repository.ts';
import { deskSettings } from '../engine/desk/desk.schema.ts';
import { locales } from '../engine/people/people.schema.ts';
import { problemsFromZod, type Problem } from '../engine/problems.ts';
import { formatTemplateFile, parseTemplateFile, type TemplateSource } from '../engine/templates.ts';
import { DeskError } from '../errors.ts';
import { importSettings } from '../services/desk-settings.service.ts';
import type { DeskContext } from '../services/desk-context.ts';
import { assertTemplateValid, installShippedTemplate } from '../services/template.service.ts';
import { exportWorkflow, publishWorkflow, saveWorkflowDraft } from '../services/workflow.service.ts';
import { OperationError, parseArgs, type Output } from './args.ts';
import { openDeskDatabase } from './open-desk.ts';

const templateName = /^[a-z0-9][a-z0-9-]*$/;

export interface ExportReport {
  workflows: string[];
  templates: number;
}

export async function exportConfig(desk: DeskContext, dir: string): Promise<ExportReport> {
  mkdirSync(join(dir, 'workflows'), { recursive: true });
  const settings = {
    $schema: './desk.schema.json',
    calendars: await listCalendars(desk.db),
    groups: await listGroups(desk.db),
    queues: await listQueues(desk.db),
    slaPolicies: await listSlaPolicies(desk.db),
  };
  writeFileSync(join(dir, 'workflows', 'desk.json'), `${JSON.stringify(settings, null, 2)}\n`);
  const workflows: string[] = [];
  for (const draft of await listDrafts(desk.db)) {
    writeFileSync(join(dir, 'workflows', `${draft.id}.json`), `${JSON.stringify(await exportWorkflow(desk, draft.id), null, 2)}\n`);
    workflows.push(draft.id);
  }
  const templates = await listTemplates(desk.db);
  for (const t of templates) {
    mkdirSync(join(dir, 'templates', t.locale), { recursive: true });
    writeFileSync(join(dir, 'templates', t.locale, `${t.name}.hbs`), formatTemplateFile(t));
  }
  return { workflows, templates: templates.length };
}

/** The files of a configuration folder, read and parsed; what cannot be read is a problem at its file. */
interface ConfigFiles {
  desk: { file: string; value: unknown } | null;
  workflows: { file: string; value: unknown }[];
  templates: ({ file: string; name: string; locale: string } & TemplateSource)[];
}

function readJson(dir: string, file: string, problems: string[]): unknown {
  try {
    return JSON.parse(readFileSync(join(dir, file), 'utf8'));
  } catch (error) {
    problems.push(`${file}: is not valid JSON (${(error as Error).message})`);
    return undefined;
  }
}

function readConfigFiles(dir: string, problems: string[]): ConfigFiles {
  const files: ConfigFiles = { desk: null, workflows: [], templates: [] };
  const workflowDir = join(dir, 'workflows');
  if (existsSync(workflowDir)) {
    for (const name of readdirSync(workflowDir).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json')).sort()) {
      const file = `workflows/${name}`;
      const value = readJson(dir, file, problems);
      if (value === undefined) continue;
      if (name === 'desk.json') files.desk = { file, value };
      else files.workflows.push({ file, value });
    }
  }
  const templateDir = join(dir, 'templates');
  if (existsSync(templateDir)) {
    for (const locale of readdirSync(templateDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
      for (const name of readdirSync(join(templateDir, locale)).filter((f) => f.endsWith('.hbs')).sort()) {
        const file = `templates/${locale}/${name}`;
        const template = name.replace(/\.hbs$/, '');
        if (!(locales as readonly string[]).includes(locale)) problems.push(`${file}: "${locale}" is not a language the desk speaks (${locales.join(', ')})`);
        else if (!templateName.test(template)) problems.push(`${file}: a template's name is lower-case letters, digits and dashes`);
        else files.templates.push({ file, name: template, locale, ...parseTemplateFile(readFileSync(join(templateDir, locale, name), 'utf8')) });
      }
    }
  }
  if (!files.desk && files.workflows.length === 0 && files.templates.length === 0) {
    problems.push(`${dir} holds no workflows/*.json and no templates/<locale>/*.hbs: nothing to import`);
  }
  return files;
}

const at = (file: string, problems: readonly Problem[]) => problems.map((p) => `${file}: ${p.path ? `${p.path}: ` : ''}${p.message}`);

function problemsOf(file: string, error: unknown): string[] {
  if (error instanceof DeskError) return error.errors?.length ? at(file, error.errors) : [`${file}: ${error.message}`];
  throw error;
}

export interface ImportReport {
  settings: boolean;
  templates: { changed: number; unchanged: number };
  workflows: { published: string[]; unchanged: string[] };
}

export async function importConfig(desk: DeskContext, dir: string): Promise<ImportReport> {
  if (!existsSync(dir)) throw new OperationError(`There is no folder ${dir}`);
  const problems: string[] = [];
  const files = readConfigFiles(dir, problems);
  const report: ImportReport = { settings: false, templates: { changed: 0, unchanged: 0 }, workflows: { published: [], unchanged: [] } };
  const at = desk.now().toISOString();
  await inTransaction(desk.db, async (trx) => {
    const inside = { ...desk, db: trx };
    // Workflows may name the shipped templates, which a desk has from its first start.
    for (const t of shippedTemplates()) await installShippedTemplate(trx, at, t);
    if (files.desk) {
      const settings = deskSettings.safeParse(files.desk.value);
      if (!settings.success) problems.push(...problemsOfZod(files.desk.file, settings.error));
      else {
        try {
          await importSettings(trx, settings.data);
          report.settings = true;
        } catch (error) {
          problems.push(...problemsOf(files.desk.file, error));
        }
      }
    }
    const stored = await listTemplates(trx);
    for (const t of files.templates) {
      try {
        assertTemplateValid(t, t.file);
      } catch (error) {
        problems.push(...problemsOf(t.file, error));
        continue;
      }
      const current = stored.find((s) => s.name === t.name && s.locale === t.locale);
      if (current && current.subject === t.subject && current.body === t.body) report.templates.unchanged += 1;
      else {
        await upsertTemplate(trx, { name: t.name, locale: t.locale, subject: t.subject, body: t.body, origin: 'custom', updatedAt: at, updatedBy: null });
        report.templates.changed += 1;
      }
    }
    for (const w of files.workflows) {
      const id = (w.value as { id?: unknown } | null)?.id;
      const expected = w.file.replace(/^workflows\//, '').replace(/\.json$/, '');
      if (typeof id !== 'string') {
        problems.push(`${w.file}: id: is required`);
        continue;
      }
      if (id !== expected) {
        problems.push(`${w.file}: id: is "${id}", but the file is named for "${expected}"`);
        continue;
      }
      try {
        await saveWorkflowDraft(inside, null, id, w.value);
        await publishWorkflow(inside, null, id, `Imported from ${w.file}`);
        report.workflows.published.push(id);
      } catch (error) {
        if (error instanceof DeskError && error.code === 'nothing-to-publish') report.workflows.unchanged.push(id);
        else problems.push(...problemsOf(w.file, error));
      }
    }
    if (problems.length) throw new OperationError(`Nothing was imported; fix these files in ${dir}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  });
  return report;
}

function problemsOfZod(file: string, error: Parameters<typeof problemsFromZod>[0]): string[] {
  return at(file, problemsFromZod(error));
}

export async function exportConfigCommand(args: string[], env: NodeJS.ProcessEnv, io: Output): Promise<number> {
  const [dir] = parseArgs(args).positional;
  if (!dir) throw new OperationError('usage: deskwright export-config DIR');
  const desk = await openDeskDatabase(env, { mustExist: true });
  try {
    const report = await exportConfig(desk.context, dir);
    io.out(`Wrote ${dir}/workflows/desk.json, ${report.workflows.length} workflows${report.workflows.length ? ` (${report.workflows.join(', ')})` : ''} and ${report.templates} templates.`);
    return 0;
  } finally {
    await desk.close();
  }
}

export async function importConfigCommand(args: string[], env: NodeJS.ProcessEnv, io: Output): Promise<number> {
  const [dir] = parseArgs(args).positional;
  if (!dir) throw new OperationError('usage: deskwright import-config DIR');
  const desk = await openDeskDatabase(env);
  try {
    const r = await importConfig(desk.context, dir);
    io.out(`Imported ${dir}: ${r.settings ? 'desk settings, ' : ''}templates ${r.templates.changed} changed, ${r.templates.unchanged} unchanged; workflows published: ${r.workflows.published.join(', ') || 'none'}${r.workflows.unchanged.length ? `; unchanged: ${r.workflows.unchanged.join(', ')}` : ''}.`);
    return 0;
  } finally {
    await desk.close();
  }
}
