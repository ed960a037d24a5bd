/**
 * What a condition can read and how it may compare it: the form's fields
 * (`fields.*`), the ticket's and requester's facts, and in escalation rules
 * the SLA clocks (`sla.*`), each with a kind that decides the operators
 * offered and the value control (a choice field's values come from its
 * options). The fact names are the desk's (server/engine/workflow/
 * validate-workflow.ts, server/engine/sla-clock.ts); the types
 * below check them against the server's own, and test/ui/condition-model.test.ts
 * checks the lists are the whole of them. Pure, no Svelte.
 */
import type { SlaFacts } from '../../../../../server/engine/sla-clock.ts';
import { locales } from '../../i18n/locales.ts';
import type { Draft, DraftField, Text } from '../draft.ts';
import { kinds, optionView, priorities, roles } from '../draft.ts';
import type { RowOperator, Scalar } from './condition-model.ts';

/** Where a rule lives, which decides what it may read. */
export type RuleContext = 'visibleWhen' | 'categorise' | 'escalation' | 'transition';

/** How a fact compares. */
export type FactKind = 'text' | 'number' | 'date' | 'choice' | 'list' | 'checkbox' | 'boolean' | 'file' | 'person';

export interface FactOption {
  value: string;
  /** Text per locale, when the option has a label; else the value is shown. */
  label?: Text;
}

export interface Fact {
  variable: string;
  /** fields, ticket, requester or sla: the picker's groups. */
  source: 'fields' | 'ticket' | 'requester' | 'sla';
  kind: FactKind;
  /** The field's own label, for `fields.*`. */
  label?: Text;
  options?: FactOption[];
}

/** The ticket facts a rule may read (server: `ticketFacts`). */
export const ticketFactNames = ['id', 'number', 'title', 'kind', 'status', 'category', 'priority', 'queue', 'assignee', 'impact', 'urgency', 'createdAt', 'workflow'] as const;
/** The requester facts a rule may read (server: `requesterFacts`). */
export const requesterFactNames = ['id', 'email', 'name', 'locale', 'roles', 'groups'] as const;
/** The facts of one SLA clock, as escalation rules read them under `sla.response.*` and `sla.resolution.*`. */
export const slaFactNames = ['elapsedPct', 'elapsedMinutes', 'remainingMinutes', 'state', 'breached', 'dueAt'] as const satisfies readonly (keyof SlaFacts)[];
export const slaStates = ['running', 'paused', 'warning', 'met', 'breached'] as const satisfies readonly SlaFacts['state'][];
export const slaClocks = ['response', 'resolution'] as const;
/** In `visibleWhen` the ticket does not exist yet: only these facts are known (docs/workflows.md). */
const formTicketFacts = new Set(['kind', 'workflow']);

const fieldKinds: Record<string, FactKind> = {
  text: 'text',
  textarea: 'text',
  email: 'text',
  user: 'text',
  number: 'number',
  date: 'date',
  select: 'choice',
  multiselect: 'list',
  checkbox: 'checkbox',
  file: 'file',
};

const plain = (values: readonly string[]): FactOption[] => values.map((value) => ({ value }));

/** What the desk knows that a condition's choices come from. */
export interface FactSources {
  fields: readonly DraftField[];
  queues: readonly { id: string; name: Text }[];
  groups: readonly { id: string; name: Text }[];
  /** The lifecycle's state ids (the default lifecycle's when the workflow has none). */
  states: readonly string[];
  roles: readonly string[];
  locales: readonly string[];
  impactField?: string;
  urgencyField?: string;
}

const fieldOptions = (field: DraftField | undefined): FactOption[] | undefined =>
  Array.isArray(field?.options) ? field.options.map((o) => optionView(o)).map((o) => ({ value: o.value, label: Object.keys(o.label).length ? o.label : undefined })) : undefined;

/** Every fact a rule in this context may read, in the order the picker lists them. */
export function factsFor(context: RuleContext, s: FactSources): Fact[] {
  const facts: Fact[] = s.fields
    .filter((f) => typeof f.key === 'string' && f.key)
    .map((f) => ({ variable: `fields.${f.key}`, source: 'fields', kind: fieldKinds[f.type] ?? 'text', label: f.label, options: fieldOptions(f) }));
  const byKey = (key: string | undefined) => s.fields.find((f) => f.key === key);
  const ticket: Record<(typeof ticketFactNames)[number], Omit<Fact, 'variable' | 'source'>> = {
    id: { kind: 'number' },
    number: { kind: 'text' },
    title: { kind: 'text' },
    kind: { kind: 'choice', options: plain(kinds) },
    status: { kind: 'choice', options: plain(s.states) },
    category: { kind: 'text' },
    priority: { kind: 'choice', options: plain(priorities) },
    queue: { kind: 'choice', options: s.queues.map((q) => ({ value: q.id, label: q.name })) },
    assignee: { kind: 'person' },
    impact: fieldOptions(byKey(s.impactField ?? 'impact')) ? { kind: 'choice', options: fieldOptions(byKey(s.impactField ?? 'impact')) } : { kind: 'text' },
    urgency: fieldOptions(byKey(s.urgencyField ?? 'urgency')) ? { kind: 'choice', options: fieldOptions(byKey(s.urgencyField ?? 'urgency')) } : { kind: 'text' },
    createdAt: { kind: 'date' },
    workflow: { kind: 'text' },
  };
  for (const name of ticketFactNames) {
    if (context === 'visibleWhen' && !formTicketFacts.has(name)) continue;
    facts.push({ variable: `ticket.${name}`, source: 'ticket', ...ticket[name] });
  }
  const requester: Record<(typeof requesterFactNames)[number], Omit<Fact, 'variable' | 'source'>> = {
    id: { kind: 'text' },
    email: { kind: 'text' },
    name: { kind: 'text' },
    locale: { kind: 'choice', options: plain(s.locales) },
    roles: { kind: 'list', options: plain(s.roles) },
    groups: { kind: 'list', options: s.groups.map((g) => ({ value: g.id, label: g.name })) },
  };
  for (const name of requesterFactNames) facts.push({ variable: `requester.${name}`, source: 'requester', ...requester[name] });
  if (context === 'escalation') {
    const sla: Record<(typeof slaFactNames)[number], Omit<Fact, 'variable' | 'source'>> = {
      elapsedPct: { kind: 'number' },
      elapsedMinutes: { kind: 'number' },
      remainingMinutes: { kind: 'number' },
      state: { kind: 'choice', options: plain(slaStates) },
      breached: { kind: 'boolean' },
      dueAt: { kind: 'date' },
    };
    for (const clock of slaClocks) for (const name of slaFactNames) facts.push({ variable: `sla.${clock}.${name}`, source: 'sla', ...sla[name] });
  }
  return facts;
}

/** An operator as the picker offers it: a row operator, sometimes with its value fixed ("is ticked" is `== true`). */
export interface OperatorChoice {
  id: string;
  op: RowOperator;
  /** The value this choice always compares with; no value control is shown. */
  fixed?: Scalar;
}

const choice = (op: RowOperator, fixed?: Scalar): OperatorChoice => ({ id: fixed === undefined ? op : `${op}:${JSON.stringify(fixed)}`, op, ...(fixed === undefined ? {} : { fixed }) });

/** Every choice there is, so a row read from JSON always finds its own. */
const everyChoice: OperatorChoice[] = [
  choice('==', true),
  choice('!=', true),
  choice('==', null),
  choice('!=', null),
  ...(['==', '!=', '<', '<=', '>', '>=', 'in', 'contains', 'truthy', 'falsy'] as const).map((op) => choice(op)),
];
const pick = (...ids: string[]) => ids.map((id) => everyChoice.find((c) => c.id === id)!);

/** The operators that fit a kind of fact, in the order the picker lists them. */
export const operatorsFor: Record<FactKind, OperatorChoice[]> = {
  text: pick('==', '!=', 'contains', 'in', 'falsy', 'truthy'),
  number: pick('==', '!=', '<', '<=', '>', '>='),
  date: pick('==', '!=', '<', '<=', '>', '>=', 'falsy', 'truthy'),
  choice: pick('==', '!=', 'in', 'truthy', 'falsy'),
  list: pick('contains', 'falsy', 'truthy'),
  checkbox: pick('==:true', '!=:true'),
  boolean: pick('truthy', 'falsy'),
  file: pick('truthy', 'falsy'),
  person: pick('!=:null', '==:null'),
};

/**
 * The choice a row stands for, among those that fit its fact: a fixed-value
 * one when its value is that one ("is ticked"), else the plain operator; a
 * row that fits none keeps its own (shown, never changed unasked).
 */
export function choiceOf(kind: FactKind, op: RowOperator, value: unknown): OperatorChoice {
  const fits = operatorsFor[kind];
  const fixed = (c: OperatorChoice) => c.op === op && 'fixed' in c && c.fixed === value;
  return fits.find(fixed) ?? fits.find((c) => c.id === op) ?? everyChoice.find(fixed) ?? everyChoice.find((c) => c.id === op)!;
}

/** The choices a picker shows for a row: those that fit its fact, plus the row's own when it does not fit. */
export function choicesForRow(kind: FactKind, op: RowOperator, value: unknown): OperatorChoice[] {
  const list = operatorsFor[kind];
  const own = choiceOf(kind, op, value);
  return list.some((c) => c.id === own.id) ? list : [...list, own];
}

/** A sensible value for a new row, or when its fact or operator changes. */
export function startValue(fact: Fact | undefined, c: OperatorChoice): Scalar | Scalar[] {
  if (c.fixed !== undefined) return c.fixed;
  if (c.op === 'truthy' || c.op === 'falsy') return null;
  if (c.op === 'in') return [];
  if (fact?.kind === 'number') return 0;
  if ((fact?.kind === 'choice' || fact?.kind === 'list') && fact.options?.length) return fact.options[0]!.value;
  return '';
}

/** The default lifecycle's states (server/engine/tickets/lifecycle.ts): their ids equal their classes. */
const defaultStates = ['new', 'open', 'pending', 'resolved', 'closed'];

/** What a draft and the desk offer a condition: the form's fields, the queues and groups, the lifecycle's states. */
export function factSources(draft: Draft, desk: { queues: FactSources['queues']; groups: FactSources['groups'] }): FactSources {
  const fields = Array.isArray(draft.form?.fields) ? draft.form.fields.filter((f) => f && typeof f === 'object') : [];
  const lifecycle = draft.lifecycle as { states?: unknown } | undefined;
  const states = Array.isArray(lifecycle?.states)
    ? lifecycle.states.flatMap((s) => (s && typeof s === 'object' && typeof (s as { id?: unknown }).id === 'string' ? [(s as { id: string }).id] : []))
    : defaultStates;
  const matrix = draft.priority as { impactField?: unknown; urgencyField?: unknown } | undefined;
  return {
    fields,
    queues: desk.queues,
    groups: desk.groups,
    states,
    roles,
    locales: locales.map((l) => l.id),
    impactField: typeof matrix?.impactField === 'string' ? matrix.impactField : undefined,
    urgencyField: typeof matrix?.urgencyField === 'string' ? matrix.urgencyField : undefined,
  };
}
