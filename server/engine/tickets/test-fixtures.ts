/**
 * A small desk for the ticket action tests (imported only by *.test.ts):
 * a first-line queue and two second-line ones, the people who work them, a
 * requester, a ticket in first line and a template for every notification
 * that shows what the message was told. No I/O: the tests load the workflow.
 */
import type { Group, Queue, SlaPolicy } from '../desk/desk.schema.ts';
import type { DeskDirectory, Member, Requester } from '../intake.ts';
import type { NotificationDraft, TemplateLookup } from '../notifications.ts';
import type { WorkflowDefinition } from '../workflow/workflow.schema.ts';
import type { ActionResult, Actor, Refusal, TicketCase, TicketChange } from './ticket-case.ts';
import type { Ticket } from './ticket.schema.ts';

export const sam: Requester = { id: 'u-sam', name: 'Sam Jones', email: 'sam@example.com', locale: 'en', roles: ['requester'], groups: [] };
export const dan: Member = { id: 'u-dan', name: 'Dan Desk', email: 'dan@example.com' };
export const erin: Member = { id: 'u-erin', name: 'Erin Desk', email: 'erin@example.com' };
export const carol: Member = { id: 'u-carol', name: 'Carol Network', email: 'carol@example.com' };
export const devi: Member = { id: 'u-devi', name: 'Devi Devices', email: 'devi@example.com' };
/** Known to the desk (say, the ticket's former assignee) but in no queue. */
export const olga: Member = { id: 'u-olga', name: 'Olga Former', email: 'olga@example.com' };

export const agentDan: Actor = { id: dan.id, name: dan.name, roles: ['agent'] };
export const managerMo: Actor = { id: 'u-mo', name: 'Mo Manager', roles: ['manager'] };
export const requesterSam: Actor = { id: sam.id, name: sam.name, roles: ['requester'] };

const queue = (id: string, name: string, group: string, members: Member[], manager?: string): [string, Queue & { members: readonly Member[] }] => [
  id,
  { id, name: { en: name }, group, assignment: 'manual', ...(manager ? { manager } : {}), members },
];
const group = (id: string, tier: Group['tier']): [string, Group] => [id, { id, name: { en: id }, tier }];

export const standard: SlaPolicy = {
  id: 'standard',
  name: { en: 'Standard' },
  calendar: '24x7',
  onReopen: 'continue',
  rearmEscalationsOn: ['reopen'],
  targets: {
    P1: { responseMinutes: 15, resolutionMinutes: 240 },
    P2: { responseMinutes: 30, resolutionMinutes: 480 },
    P3: { responseMinutes: 240, resolutionMinutes: 2880 },
    P4: { responseMinutes: 480, resolutionMinutes: 7200 },
  },
};

/** it-incident escalates to network, end-user-devices and identity; identity is missing from this desk on purpose. */
export const desk: DeskDirectory = {
  name: 'IT desk',
  url: 'https://desk.example.com/',
  queues: new Map([
    queue('first-line', 'First line', 'service-desk', [dan, erin], 'fl-boss@example.com'),
    queue('walk-in', 'Walk-in bar', 'walk-in-desk', [erin]),
    queue('network', 'Network', 'network-team', [carol], 'net-boss@example.com'),
    queue('end-user-devices', 'End-user devices', 'devices-team', [devi]),
  ]),
  groups: new Map([
    group('service-desk', 'first-line'),
    group('walk-in-desk', 'first-line'),
    group('network-team', 'second-line'),
    group('devices-team', 'second-line'),
  ]),
  slaPolicies: new Map([['standard', standard]]),
  calendars: new Map(),
};

/** Every template exists in English and echoes what its context was given. */
export const templates: TemplateLookup = (name, locale) =>
  locale !== 'en'
    ? undefined
    : {
        subject: `[{{ticket.number}}] ${name} ({{ticket.status}})`,
        body: [
          'to={{recipient.name}}',
          'comment={{comment.body}} by={{comment.author}}',
          'escalation={{escalation.kind}}|{{escalation.reason}}|{{escalation.fromQueue}}>{{escalation.toQueue}}',
          'resolution={{resolution.code}}|{{resolution.notes}}',
          'reopen={{reopenReason}}',
          'rating={{satisfaction.rating}}|{{satisfaction.comment}}',
          'assignee={{assignee.name}} queue={{ticket.queue.name}} priority={{ticket.priority}}',
        ].join('\n'),
      };

export const createdAt = '2026-11-23T09:00:00.000Z';
export const now = new Date('2026-11-23T10:00:00.000Z');

/** A P4 incident (impact "me", urgency "medium") just logged in first line. */
export function ticketOf(overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: 1042,
    number: 'INC-1042',
    workflowId: 'it-incident',
    workflowVersionId: 7,
    kind: 'incident',
    status: 'new',
    statusClass: 'new',
    title: 'Cannot print',
    category: 'general',
    priority: 'P4',
    impact: 'me',
    urgency: 'medium',
    queue: 'first-line',
    assigneeId: null,
    requesterId: sam.id,
    fields: { summary: 'Cannot print', service: 'other', impact: 'me', urgency: 'medium', details: 'Blank pages since Monday' },
    slaPolicy: 'standard',
    // P4 on 24x7: 480 and 7200 minutes after createdAt.
    slaDue: { response: '2026-11-23T17:00:00.000Z', resolution: '2026-11-28T09:00:00.000Z' },
    firstResponseAt: null,
    resolution: null,
    closedAt: null,
    satisfaction: null,
    managerFlaggedAt: null,
    heldByGroups: [],
    slaPauses: [],
    escalationCycle: 0,
    slaRestartedAt: null,
    createdAt,
    updatedAt: createdAt,
    rowVersion: 1,
    ...overrides,
  };
}

export function caseOf(definition: WorkflowDefinition, ticket: Partial<Ticket> = {}, overrides: Partial<TicketCase> = {}): TicketCase {
  return {
    ticket: ticketOf(ticket),
    workflow: { id: definition.id, version: 3, definition },
    requester: sam,
    people: new Map([[olga.id, olga]]),
    desk,
    templates,
    now,
    ...overrides,
  };
}

export function accepted(result: ActionResult): TicketChange {
  if (!result.ok) throw new Error(`expected the change to be accepted, got ${result.status}: ${result.message} ${JSON.stringify(result.problems ?? [])}`);
  return result;
}

export function refused(result: ActionResult): Refusal {
  if (result.ok) throw new Error(`expected a refusal, got the patch ${JSON.stringify(result.patch)}`);
  return result;
}

/** [template, recipient e-mail] of each message, the way a desk user sees who got mail. */
export const sent = (notifications: readonly NotificationDraft[]) => notifications.map((n) => [n.template, n.recipient.email]);
