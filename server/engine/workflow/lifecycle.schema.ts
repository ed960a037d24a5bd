/**
 * How a workflow's tickets move: the states they pass through, the
 * transitions between them and who may take each, what resolving asks for,
 * and which second-line queues first line may escalate to. All optional: a
 * workflow that declares no lifecycle gets the default one (lifecycle.ts).
 */
import { z } from 'zod';
import { role, type Role } from '../people/people.schema.ts';
import { localisedText, rule, slug } from './primitives.ts';

/**
 * Every state belongs to one class; the desk's own behaviour (SLA clocks,
 * queues, confirmation, auto-close) depends on the class, never on the name.
 */
export const stateClasses = ['new', 'open', 'pending', 'pending-approval', 'resolved', 'closed'] as const;
export type StateClass = (typeof stateClasses)[number];

/** What a transition may ask to be filled before it is taken, besides the form's own fields. */
export const transitionInputs = ['resolution.code', 'resolution.notes', 'comment'] as const;

export const lifecycleState = z
  .object({
    id: slug,
    class: z.enum(stateClasses).describe('new, open (being worked), pending (waiting on the requester: the SLA clock pauses), pending-approval (waiting for approvers: the clock pauses), resolved (awaiting confirmation) or closed'),
    label: localisedText.optional(),
  })
  .strict();
export type LifecycleState = z.infer<typeof lifecycleState>;

export const transition = z
  .object({
    from: z.array(slug).min(1).describe('The states this transition may be taken from'),
    to: slug,
    roles: z.array(role).min(1).default(['agent', 'specialist', 'manager', 'admin']).describe('Who may take it'),
    when: rule.optional().describe('A json-logic guard over the ticket, e.g. { "!=": [{ "var": "ticket.assignee" }, null] }'),
    requires: z
      // The named inputs are published as examples so editors (and the builder) offer them.
      .array(z.string().min(1).meta({ examples: [...transitionInputs] }))
      .default([])
      .describe('What must be filled to take it: "resolution.code", "resolution.notes", "comment", or the key of a form field'),
    label: localisedText.optional(),
  })
  .strict();
export type Transition = z.output<typeof transition>;

export const lifecycle = z
  .object({
    states: z.array(lifecycleState).min(2),
    transitions: z.array(transition).min(1),
  })
  .strict()
  .describe('States and transitions; the first state of class "new" is where tickets start');
export type Lifecycle = z.output<typeof lifecycle>;

const staff: Role[] = ['agent', 'specialist', 'manager', 'admin'];

/**
 * The lifecycle of a workflow that declares none: ITIL's incident states, as Zammad and Jira
 * Service Management ship them. Published as the JSON Schema's `default` for
 * `lifecycle`, where the builder copies it from when an admin customises it.
 */
export const defaultLifecycle: Lifecycle = {
  states: [
    { id: 'new', class: 'new', label: { en: 'New', cy: 'Newydd' } },
    { id: 'open', class: 'open', label: { en: 'Open', cy: 'Agored' } },
    { id: 'pending', class: 'pending', label: { en: 'Waiting for requester', cy: "Yn aros am y ceisydd" } },
    { id: 'resolved', class: 'resolved', label: { en: 'Resolved', cy: 'Wedi datrys' } },
    { id: 'closed', class: 'closed', label: { en: 'Closed', cy: 'Wedi cau' } },
  ],
  transitions: [
    { from: ['new', 'pending'], to: 'open', roles: staff, requires: [] },
    { from: ['new', 'open'], to: 'pending', roles: staff, requires: ['comment'] },
    { from: ['new', 'open', 'pending'], to: 'resolved', roles: staff, requires: ['resolution.code', 'resolution.notes'] },
    { from: ['resolved'], to: 'open', roles: staff, requires: ['comment'] },
    { from: ['resolved'], to: 'closed', roles: staff, requires: [] },
  ],
};

export const defaultResolutionCodes = [
  { value: 'solved', label: { en: 'Solved', cy: 'Wedi datrys' } },
  { value: 'workaround', label: { en: 'Solved with a workaround', cy: 'Wedi datrys gyda dull amgen' } },
  { value: 'not-reproducible', label: { en: 'Could not reproduce', cy: 'Methu ailadrodd' } },
  { value: 'duplicate', label: { en: 'Duplicate of another ticket', cy: "Dyblyg o docyn arall" } },
  { value: 'cancelled', label: { en: 'Cancelled by the requester', cy: 'Wedi ei ganslo gan y ceisydd' } },
];

export const resolutionSettings = z
  .object({
    codes: z
      .array(z.object({ value: slug, label: localisedText }).strict())
      .min(1)
      .default(defaultResolutionCodes)
      .describe('The resolution codes an agent chooses from when resolving'),
    autoCloseDays: z
      .number()
      .int()
      .min(0)
      .max(365)
      .default(5)
      .describe('Days a resolved ticket waits for the requester to confirm before it closes by itself; 0 never closes it'),
  })
  .strict();
export type ResolutionSettings = z.output<typeof resolutionSettings>;
