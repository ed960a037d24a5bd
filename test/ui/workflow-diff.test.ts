/**
 * The diff an admin reads before publishing and beside an old version:
 * exactly what changed, named the way the builder names it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { workflowDefinition } from '../../server/engine/workflow/workflow.schema.ts';
import { diffWorkflows } from '../../ui/src/lib/builder/workflow-diff.ts';

type Json = any;
const itIncident: Json = JSON.parse(readFileSync(new URL('../../workflows/it-incident.json', import.meta.url), 'utf8'));
/** As the desk stores a version: defaults filled in. */
const published = (): Json => JSON.parse(JSON.stringify(workflowDefinition.parse(structuredClone(itIncident))));
const brief = (items: ReturnType<typeof diffWorkflows>) => items.map((i) => `${i.section} ${i.kind} ${i.subject}`);

describe('diffWorkflows', () => {
  it('finds nothing between a definition and itself with its keys in another order', () => {
    const a = published();
    const b: Json = Object.fromEntries(Object.entries(published()).reverse());
    b.form.fields[0] = Object.fromEntries(Object.entries(b.form.fields[0]).reverse());
    expect(diffWorkflows(a, b)).toEqual([]);
  });

  it("names a changed field by its key and label, with each changed property and its values", () => {
    const after = published();
    after.form.fields[0].label.en = 'One-line summary';
    after.form.fields[5].required = true;
    after.form.fields[1].options.pop();
    after.form.fields[4].visibleWhen = { '==': [{ var: 'fields.service' }, 'phone'] };
    expect(diffWorkflows(published(), after)).toEqual([
      { section: 'fields', kind: 'changed', subject: 'summary', label: 'One-line summary', properties: [{ property: 'label.en', from: 'Summary', to: 'One-line summary' }] },
      { section: 'fields', kind: 'changed', subject: 'service', label: 'What is affected?', properties: [{ property: 'options' }] },
      { section: 'fields', kind: 'changed', subject: 'printer_id', label: 'Printer name or number', properties: [{ property: 'visibleWhen' }] },
      { section: 'fields', kind: 'changed', subject: 'asset_tag', label: 'Asset tag', properties: [{ property: 'required', to: 'true' }] },
    ]);
  });

  it('tells added, removed and moved fields apart: dragging one field moves only that one', () => {
    const after = published();
    const [details] = after.form.fields.splice(6, 1);
    after.form.fields.splice(1, 0, details);
    after.form.fields = after.form.fields.filter((f: Json) => f.key !== 'asset_tag');
    after.form.fields.push({ key: 'room', type: 'text', label: { en: 'Room' } });
    expect(brief(diffWorkflows(published(), after))).toEqual(['fields added room', 'fields removed asset_tag', 'fields moved details']);
  });

  it('numbers categorise rules by position: a changed queue shows its old and new value; an inserted rule does not shift the others into changes', () => {
    const changed = published();
    changed.categorise[1].set.queue = 'network';
    expect(diffWorkflows(published(), changed)).toEqual([
      { section: 'categorise', kind: 'changed', subject: '2', label: 'network', properties: [{ property: 'set.queue', from: 'first-line', to: 'network' }] },
    ]);

    const inserted = published();
    inserted.categorise.unshift({ when: { '==': [{ var: 'fields.service' }, 'phone'] }, set: { queue: 'network' } });
    expect(brief(diffWorkflows(published(), inserted))).toEqual(['categorise added 1']);
  });

  it('shows priority default and matrix cells, the SLA policy, notifications and escalation rules with what changed', () => {
    const after = published();
    after.priority.default = 'P2';
    after.priority.matrix.team.high = 'P1';
    after.sla = 'office-hours';
    after.notifications[0].template = 'ack-requester-short';
    after.escalations = after.escalations.filter((e: Json) => e.id !== 'major-breach');
    after.escalations[0].at.percent = 75;
    expect(diffWorkflows(published(), after)).toEqual([
      { section: 'priority', kind: 'changed', subject: 'priority', properties: [{ property: 'default', from: 'P3', to: 'P2' }, { property: 'matrix.team.high', from: 'P2', to: 'P1' }] },
      { section: 'sla', kind: 'changed', subject: 'sla', properties: [{ property: 'sla', from: 'standard', to: 'office-hours' }] },
      { section: 'notifications', kind: 'changed', subject: '1', label: 'ticket.created → ack-requester-short', properties: [{ property: 'template', from: 'ack-requester', to: 'ack-requester-short' }] },
      { section: 'escalations', kind: 'changed', subject: 'resolution-warning', properties: [{ property: 'at' }] },
      { section: 'escalations', kind: 'removed', subject: 'major-breach', properties: [] },
    ]);
  });

  it('lists any other key that changed, texts per language', () => {
    const after = published();
    after.name.cy = 'Rhywbeth wedi torri';
    after.audience = ['requester', 'agent'];
    after.attachments.maxBytes = 1024;
    expect(diffWorkflows(published(), after)).toEqual([
      { section: 'other', kind: 'changed', subject: 'name', properties: [{ property: 'name.cy', from: published().name.cy, to: 'Rhywbeth wedi torri' }] },
      { section: 'other', kind: 'changed', subject: 'audience', properties: [{ property: 'audience', from: 'requester', to: 'requester, agent' }] },
      { section: 'other', kind: 'changed', subject: 'attachments', properties: [{ property: 'attachments.maxBytes', from: '10485760', to: '1024' }] },
    ]);
  });
});
