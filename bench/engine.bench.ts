/**
 * The pure engine alone: submissions per second through `submit` (form
 * validation, rules, priority, SLA, rendering), against json-logic evaluating
 * the same workflow's rules alone.
 */
import jsonLogic from 'json-logic-js';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { deskSettings } from '../server/engine/desk/desk.schema.ts';
import { submit } from '../server/engine/intake.ts';
import { parseTemplateFile } from '../server/engine/templates.ts';
import { workflowDefinition } from '../server/engine/workflow/workflow.schema.ts';
import { root } from './process.ts';

export interface RateResult {
  name: string;
  perSecond: number;
  microseconds: number;
}

/** Runs `work` repeatedly for about `seconds` (after a warm-up) and reports its rate. */
export function rate(name: string, seconds: number, work: () => unknown): RateResult {
  const until = (ms: number) => {
    const end = performance.now() + ms;
    let n = 0;
    while (performance.now() < end) {
      for (let i = 0; i < 100; i++) work();
      n += 100;
    }
    return n;
  };
  until(300);
  const start = performance.now();
  const n = until(seconds * 1000);
  const elapsed = (performance.now() - start) / 1000;
  return { name, perSecond: n / elapsed, microseconds: (elapsed * 1e6) / n };
}

export function benchEngine(seconds: number): RateResult[] {
  const definition = workflowDefinition.parse(JSON.parse(readFileSync(join(root, 'workflows/it-incident.json'), 'utf8')));
  const settings = deskSettings.parse(JSON.parse(readFileSync(join(root, 'workflows/desk.json'), 'utf8')));
  const templates = new Map(
    readdirSync(join(root, 'templates/en')).map((f) => [f.replace(/\.hbs$/, ''), parseTemplateFile(readFileSync(join(root, 'templates/en', f), 'utf8'))]),
  );
  const members = [{ id: 'u2', name: 'Nia Specialist', email: 'specialist@example.com', locale: 'en', timeZone: 'Europe/London' }];
  const desk = {
    name: 'IT Service Desk',
    url: 'http://localhost:8080',
    queues: new Map(settings.queues.map((q) => [q.id, { ...q, members }])),
    slaPolicies: new Map(settings.slaPolicies.map((p) => [p.id, p])),
    calendars: new Map(settings.calendars.map((c) => [c.id, c])),
  };
  const requester = { id: 'u1', name: 'Alex Requester', email: 'alex@example.com', locale: 'en', timeZone: 'Europe/London', roles: ['requester'], groups: [] };
  const fields = { summary: 'VPN drops every few minutes', service: 'vpn', impact: 'team', urgency: 'high', details: 'Since the update this morning.' };
  const now = new Date('2026-11-22T10:00:00Z');
  const full = rate('engine: submit (validate, rules, priority, SLA, render 2 mails)', seconds, () =>
    submit({ workflow: { id: definition.id, versionId: 1, version: 1, definition }, fields, requester, desk, templates: (n) => templates.get(n), ticketId: 1042, now }),
  );
  const rules = [...definition.form.fields.flatMap((f) => (f.visibleWhen === undefined ? [] : [f.visibleWhen])), ...definition.categorise.map((c) => c.when)];
  const data = { fields, ticket: { priority: 'P2', kind: 'incident' }, requester };
  const logicOnly = rate(`json-logic alone: the same ${rules.length} rules`, seconds, () => {
    for (const rule of rules) jsonLogic.apply(rule as jsonLogic.RulesLogic, data);
  });
  return [full, logicOnly];
}
