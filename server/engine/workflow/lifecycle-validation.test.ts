import { readFileSync } from 'node:fs';
import { describe, expect, it, test } from 'vitest';
import type { Problem } from '../problems.ts';
import { validateWorkflow, type WorkflowReferences } from './validate-workflow.ts';

/** Plain JSON as an admin writes it, so the cases below can break it freely. */
type Json = any;
const itIncident: Json = JSON.parse(readFileSync(new URL('../../../workflows/it-incident.json', import.meta.url), 'utf8'));

const refs: WorkflowReferences = {
  queues: new Set(['first-line', 'network', 'end-user-devices', 'identity']),
  slaPolicies: new Set(['standard']),
  templates: new Set([
    'ack-requester',
    'new-ticket-queue',
    'confirm-resolution',
    'ticket-assigned',
    'agent-reply',
    'requester-replied',
    'ticket-escalated',
    'ticket-reopened',
    'sla-warning',
    'sla-breach',
  ]),
};

/** it-incident with its own lifecycle: "in-progress" and "waiting" instead of open and pending. */
const withLifecycle = (): Json => ({
  ...structuredClone(itIncident),
  lifecycle: {
    states: [
      { id: 'new', class: 'new', label: { en: 'New' } },
      { id: 'in-progress', class: 'open', label: { en: 'In progress', cy: 'Ar y gweill' } },
      { id: 'waiting', class: 'pending' },
      { id: 'resolved', class: 'resolved' },
      { id: 'closed', class: 'closed' },
    ],
    transitions: [
      { from: ['new', 'waiting'], to: 'in-progress' },
      { from: ['new', 'in-progress'], to: 'waiting', requires: ['comment', 'details'] },
      {
        from: ['in-progress'],
        to: 'resolved',
        requires: ['resolution.code', 'resolution.notes'],
        when: { '!=': [{ var: 'ticket.assignee' }, null] },
      },
      { from: ['resolved'], to: 'in-progress', requires: ['comment'] },
      { from: ['resolved'], to: 'closed', roles: ['manager', 'admin'] },
    ],
  },
});

const errorsOf = (input: unknown): Problem[] => {
  const result = validateWorkflow(input, refs);
  return result.ok ? [] : result.errors;
};

const broken = (change: (wf: Json) => void): Json => {
  const wf = withLifecycle();
  change(wf);
  return wf;
};

describe('validateWorkflow with a lifecycle', () => {
  it('accepts the shipped it-incident workflow, which has no lifecycle of its own', () => {
    expect(errorsOf(itIncident)).toEqual([]);
  });

  it('accepts a custom lifecycle with its own state names, filling in the defaults', () => {
    const result = validateWorkflow(withLifecycle(), refs);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const lc = result.definition.lifecycle!;
    expect(lc.states.map((s) => [s.id, s.class])).toEqual([
      ['new', 'new'],
      ['in-progress', 'open'],
      ['waiting', 'pending'],
      ['resolved', 'resolved'],
      ['closed', 'closed'],
    ]);
    expect(lc.transitions[0]).toEqual({ from: ['new', 'waiting'], to: 'in-progress', roles: ['agent', 'specialist', 'manager', 'admin'], requires: [] });
    expect(lc.transitions[4]!.roles).toEqual(['manager', 'admin']);
  });

  it('accepts a lifecycle without a pending state', () => {
    const wf = broken((w) => {
      w.lifecycle.states.splice(2, 1);
      w.lifecycle.transitions = [
        { from: ['new'], to: 'in-progress' },
        { from: ['in-progress'], to: 'resolved', requires: ['resolution.code'] },
        { from: ['resolved'], to: 'closed' },
      ];
    });
    expect(errorsOf(wf)).toEqual([]);
  });

  test.each<[string, (wf: Json) => void, Problem[]]>([
    [
      'two states with the same id',
      (wf) => wf.lifecycle.states.push({ id: 'waiting', class: 'open' }),
      [{ path: 'lifecycle.states[5].id', message: 'another state already uses the id "waiting"' }],
    ],
    [
      'no state of class "closed"',
      (wf) => (wf.lifecycle.states[4].class = 'resolved'),
      [{ path: 'lifecycle.states', message: 'add a state of class "closed": the desk moves tickets there' }],
    ],
    [
      'no state of class "new"',
      (wf) => (wf.lifecycle.states[0].class = 'open'),
      [{ path: 'lifecycle.states', message: 'add a state of class "new": the desk moves tickets there' }],
    ],
    [
      'no states of class "open" or "resolved"',
      (wf) => ((wf.lifecycle.states[1].class = 'pending'), (wf.lifecycle.states[3].class = 'closed')),
      [
        { path: 'lifecycle.states', message: 'add a state of class "open": the desk moves tickets there' },
        { path: 'lifecycle.states', message: 'add a state of class "resolved": the desk moves tickets there' },
      ],
    ],
    [
      'a transition from a state that does not exist',
      (wf) => (wf.lifecycle.transitions[3].from = ['resolved', 'done']),
      [{ path: 'lifecycle.transitions[3].from[1]', message: '"done" is not one of the lifecycle\'s states' }],
    ],
    [
      'a transition to a state that does not exist',
      (wf) => (wf.lifecycle.transitions[1].to = 'on-hold'),
      [{ path: 'lifecycle.transitions[1].to', message: '"on-hold" is not one of the lifecycle\'s states' }],
    ],
    [
      'a transition to the state it starts from',
      (wf) => (wf.lifecycle.transitions[1].to = 'new'),
      [{ path: 'lifecycle.transitions[1].to', message: 'a transition cannot lead back to the state it starts from' }],
    ],
    [
      'a transition requiring a field the form does not have',
      (wf) => wf.lifecycle.transitions[2].requires.push('root_cause'),
      [{ path: 'lifecycle.transitions[2].requires[2]', message: '"root_cause" is neither "resolution.code", "resolution.notes", "comment" nor a field of the form' }],
    ],
    [
      'a transition requiring a field by "fields." (requires takes the bare key)',
      (wf) => (wf.lifecycle.transitions[1].requires = ['fields.details']),
      [{ path: 'lifecycle.transitions[1].requires[0]', message: expect.stringMatching(/^"fields.details" is neither /) }],
    ],
    [
      'a transition requiring something a person cannot fill in',
      (wf) => (wf.lifecycle.transitions[0].requires = ['resolution.date']),
      [{ path: 'lifecycle.transitions[0].requires[0]', message: expect.stringMatching(/^"resolution.date" is neither /) }],
    ],
    [
      'a guard reading a ticket fact that does not exist',
      (wf) => (wf.lifecycle.transitions[2].when = { '!=': [{ var: 'ticket.owner' }, null] }),
      [{ path: 'lifecycle.transitions[2].when.!=[0].var', message: expect.stringMatching(/^"ticket.owner" is not something a rule can read; use one of id, number/) }],
    ],
    [
      'a guard reading a field the form does not have',
      (wf) => (wf.lifecycle.transitions[0].when = { var: 'fields.root_cause' }),
      [{ path: 'lifecycle.transitions[0].when.var', message: 'reads the field "root_cause", which the form does not have' }],
    ],
    [
      'a guard reading SLA facts',
      (wf) => (wf.lifecycle.transitions[0].when = { var: 'sla.resolution.breached' }),
      [{ path: 'lifecycle.transitions[0].when.var', message: 'SLA facts ("sla.…") are only known to escalation rules' }],
    ],
    [
      'a guard with an operator the desk does not know',
      (wf) => (wf.lifecycle.transitions[4].when = { log: 'x' }),
      [{ path: 'lifecycle.transitions[4].when', message: '"log" is not a rule operator this desk knows' }],
    ],
    [
      'escalateTo naming a queue that does not exist',
      (wf) => (wf.escalateTo = ['service-desk', 'network', 'end-user-devices']),
      [{ path: 'escalateTo[0]', message: 'the queue "service-desk" does not exist' }],
    ],
    [
      'a category\'s second line that agents may not escalate to',
      (wf) => {
        wf.escalateTo = ['network'];
        wf.secondLine = { hardware: 'end-user-devices' };
      },
      [{ path: 'secondLine.hardware', message: 'the queue "end-user-devices" is not one of escalateTo, so agents could not escalate there' }],
    ],
    // Shape (zod)
    [
      'a state class that does not exist',
      (wf) => (wf.lifecycle.states[2].class = 'paused'),
      [{ path: 'lifecycle.states[2].class', message: 'must be one of "new", "open", "pending", "pending-approval", "resolved", "closed"' }],
    ],
    [
      'a state id that is not a slug',
      (wf) => (wf.lifecycle.states[1].id = 'In Progress'),
      [{ path: 'lifecycle.states[1].id', message: 'use lower-case letters, digits and dashes (e.g. "first-line")' }],
    ],
    [
      'a transition role that does not exist',
      (wf) => (wf.lifecycle.transitions[4].roles = ['boss']),
      [{ path: 'lifecycle.transitions[4].roles[0]', message: 'must be one of "requester", "agent", "specialist", "manager", "admin"' }],
    ],
    [
      'a transition from nowhere',
      (wf) => (wf.lifecycle.transitions[0].from = []),
      [{ path: 'lifecycle.transitions[0].from', message: 'needs at least 1 item(s)' }],
    ],
    [
      'an unknown key in a transition',
      (wf) => (wf.lifecycle.transitions[0].notify = ['requester']),
      [{ path: 'lifecycle.transitions[0].notify', message: '"notify" is not a setting here' }],
    ],
    [
      'an auto-close after more than a year',
      (wf) => (wf.resolution = { autoCloseDays: 400 }),
      [{ path: 'resolution.autoCloseDays', message: 'must be at most 365' }],
    ],
  ])('reports %s', (_name, change, problems) => {
    expect(errorsOf(broken(change))).toEqual(problems);
  });

  it('reports a transition to an unknown state that is also its own from state once per problem', () => {
    const wf = broken((w) => (w.lifecycle.transitions[0] = { from: ['limbo'], to: 'limbo' }));
    expect(errorsOf(wf)).toEqual([
      { path: 'lifecycle.transitions[0].from[0]', message: '"limbo" is not one of the lifecycle\'s states' },
      { path: 'lifecycle.transitions[0].to', message: '"limbo" is not one of the lifecycle\'s states' },
      { path: 'lifecycle.transitions[0].to', message: 'a transition cannot lead back to the state it starts from' },
    ]);
  });

  it('reports every lifecycle problem at once, with the rest of the workflow\'s', () => {
    const wf = broken((w) => {
      w.escalateTo = ['network', 'ghost', 'end-user-devices'];
      w.lifecycle.states.push({ id: 'new', class: 'new' });
      w.lifecycle.transitions[1].to = 'on-hold';
      w.lifecycle.transitions[2].requires = ['root_cause'];
      w.lifecycle.transitions[3].when = { var: 'ticket.secret' };
    });
    expect(errorsOf(wf).map((e) => e.path)).toEqual([
      'escalateTo[1]',
      'lifecycle.states[5].id',
      'lifecycle.transitions[1].to',
      'lifecycle.transitions[2].requires[0]',
      'lifecycle.transitions[3].when.var',
    ]);
  });
});
