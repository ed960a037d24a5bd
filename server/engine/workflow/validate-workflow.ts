/**
 * Checks a workflow definition beyond its shape: every reference it makes
 * (form fields, queues, SLA policies, templates, rule operators) must exist,
 * so a mistake is refused at publish time with its path, not found at 3 a.m.
 * All problems are reported at once.
 */
import { formatPath, problemsFromZod, type Problem } from '../problems.ts';
import { inspectRule } from '../rules.ts';
import { checkFieldValue } from '../form.ts';
import { stateClasses, transitionInputs, type Lifecycle } from './lifecycle.schema.ts';
import { workflowDefinition, type WorkflowDefinition, type FormField } from './workflow.schema.ts';

/** The names a workflow may refer to, from the desk's settings and templates. */
export interface WorkflowReferences {
  queues: ReadonlySet<string>;
  slaPolicies: ReadonlySet<string>;
  /** Template names that exist in the fallback locale. */
  templates: ReadonlySet<string>;
  /** Support groups approval steps may name; unchecked when absent. */
  groups?: ReadonlySet<string>;
}

/** What a rule may read under `ticket.` and `requester.`; `sla.` only in escalations. */
export const ticketFacts = ['id', 'number', 'title', 'kind', 'status', 'category', 'priority', 'queue', 'assignee', 'impact', 'urgency', 'createdAt', 'workflow'] as const;
export const requesterFacts = ['id', 'email', 'name', 'locale', 'roles', 'groups'] as const;
const namedRecipients = new Set(['requester', 'assignee', 'queue', 'queue.manager']);
const emailAddress = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type WorkflowValidation =
  | { ok: true; definition: WorkflowDefinition }
  | { ok: false; errors: Problem[] };

export function validateWorkflow(input: unknown, refs: WorkflowReferences): WorkflowValidation {
  const parsed = workflowDefinition.safeParse(input);
  if (!parsed.success) return { ok: false, errors: problemsFromZod(parsed.error) };
  const wf = parsed.data;
  const errors: Problem[] = [];
  const add = (path: PropertyKey[], message: string) => errors.push({ path: formatPath(path), message });
  const fields = new Map<string, FormField>();

  wf.form.fields.forEach((field, i) => {
    const at = ['form', 'fields', i];
    if (fields.has(field.key)) add([...at, 'key'], `another field already uses the key "${field.key}"`);
    fields.set(field.key, field);
    const choice = field.type === 'select' || field.type === 'multiselect';
    if (choice && !field.options) add([...at, 'options'], `a ${field.type} field needs a list of options`);
    if (!choice && field.options) add([...at, 'options'], `options only apply to select and multiselect fields, not ${field.type}`);
    if ((field.min !== undefined || field.max !== undefined) && field.type !== 'number') {
      add([...at, field.min !== undefined ? 'min' : 'max'], 'min and max only apply to number fields');
    }
    if (field.min !== undefined && field.max !== undefined && field.min > field.max) add([...at, 'min'], 'min is greater than max');
    const textual = ['text', 'textarea', 'email'].includes(field.type);
    if (field.maxLength !== undefined && !textual) add([...at, 'maxLength'], 'maxLength only applies to text, textarea and email fields');
    if (field.pattern !== undefined) {
      if (!textual) add([...at, 'pattern'], 'pattern only applies to text, textarea and email fields');
      else {
        try {
          new RegExp(field.pattern, 'u');
        } catch {
          add([...at, 'pattern'], `"${field.pattern}" is not a valid regular expression`);
        }
      }
    }
    if (field.default !== undefined) {
      const problem = checkFieldValue(field, field.default);
      if (problem) add([...at, 'default'], `the default ${problem}`);
    }
  });

  const checkRule = (rule: unknown, at: PropertyKey[], allowSla: boolean) => {
    const facts = inspectRule(rule);
    for (const p of facts.problems) add([...at, ...p.path], p.message);
    for (const v of facts.vars) {
      const [root, name] = v.name.split('.');
      const where = [...at, ...v.path];
      if (root === 'fields') {
        if (name !== undefined && !fields.has(name)) add(where, `reads the field "${name}", which the form does not have`);
      } else if (root === 'ticket') {
        if (name !== undefined && !(ticketFacts as readonly string[]).includes(name)) {
          add(where, `"ticket.${name}" is not something a rule can read; use one of ${ticketFacts.join(', ')}`);
        }
      } else if (root === 'requester') {
        if (name !== undefined && !(requesterFacts as readonly string[]).includes(name)) {
          add(where, `"requester.${name}" is not something a rule can read; use one of ${requesterFacts.join(', ')}`);
        }
      } else if (root === 'sla') {
        if (!allowSla) add(where, 'SLA facts ("sla.…") are only known to escalation rules');
      } else {
        add(where, `"${v.name}" is not something a rule can read: names start with fields., ticket., requester.${allowSla ? ' or sla.' : ''}`);
      }
    }
  };
  const checkQueue = (queue: string | undefined, at: PropertyKey[]) => {
    if (queue !== undefined && !refs.queues.has(queue)) add(at, `the queue "${queue}" does not exist`);
  };
  const checkTemplate = (name: string, at: PropertyKey[]) => {
    if (!refs.templates.has(name)) add(at, `the template "${name}" does not exist`);
  };
  const checkRecipients = (to: string[], at: PropertyKey[]) => {
    to.forEach((r, i) => {
      if (!namedRecipients.has(r) && !emailAddress.test(r)) {
        add([...at, i], `"${r}" is not a recipient: use requester, assignee, queue, queue.manager or an e-mail address`);
      }
    });
  };

  wf.form.fields.forEach((field, i) => {
    if (field.visibleWhen !== undefined) checkRule(field.visibleWhen, ['form', 'fields', i, 'visibleWhen'], false);
  });

  if (wf.titleField !== undefined && !fields.has(wf.titleField)) add(['titleField'], `the form has no field "${wf.titleField}"`);

  const matrixKeys = Object.entries(wf.priority.matrix);
  const impact = fields.get(wf.priority.impactField);
  const urgency = fields.get(wf.priority.urgencyField);
  const optionValues = (f: FormField | undefined) =>
    f?.options ? new Set(f.options.map((o) => (typeof o === 'string' ? o : o.value))) : undefined;
  const impactValues = optionValues(impact);
  const urgencyValues = optionValues(urgency);
  for (const [impactKey, row] of matrixKeys) {
    if (impactKey !== '*') {
      if (!impact) add(['priority', 'impactField'], `the form has no field "${wf.priority.impactField}" for the matrix's impact`);
      else if (impactValues && !impactValues.has(impactKey)) {
        add(['priority', 'matrix', impactKey], `"${impactKey}" is not an option of the field "${impact.key}"`);
      }
    }
    for (const urgencyKey of Object.keys(row)) {
      if (urgencyKey === '*') continue;
      if (!urgency) add(['priority', 'urgencyField'], `the form has no field "${wf.priority.urgencyField}" for the matrix's urgency`);
      else if (urgencyValues && !urgencyValues.has(urgencyKey)) {
        add(['priority', 'matrix', impactKey, urgencyKey], `"${urgencyKey}" is not an option of the field "${urgency.key}"`);
      }
    }
  }

  wf.categorise.forEach((rule, i) => {
    checkRule(rule.when, ['categorise', i, 'when'], false);
    checkQueue(rule.set.queue, ['categorise', i, 'set', 'queue']);
  });
  checkQueue(wf.defaultQueue, ['defaultQueue']);
  const alwaysSetsQueue = wf.categorise.some((r) => r.when === true && r.set.queue !== undefined);
  if (!wf.defaultQueue && !alwaysSetsQueue) {
    add(['categorise'], 'no rule is sure to choose a queue: add a last rule with "when": true that sets a queue, or set "defaultQueue"');
  }

  if (!refs.slaPolicies.has(wf.sla)) add(['sla'], `the SLA policy "${wf.sla}" does not exist`);

  const escalationIds = new Set<string>();
  wf.escalations.forEach((esc, i) => {
    if (esc.id !== undefined) {
      if (escalationIds.has(esc.id)) add(['escalations', i, 'id'], `another escalation rule already uses the id "${esc.id}"`);
      escalationIds.add(esc.id);
    }
    if (esc.at?.percent !== undefined && esc.at.offsetMinutes !== undefined) {
      add(['escalations', i, 'at', 'offsetMinutes'], 'give either percent or offsetMinutes, not both');
    }
    if (esc.when !== undefined) checkRule(esc.when, ['escalations', i, 'when'], true);
    esc.do.forEach((action, j) => {
      const at = ['escalations', i, 'do', j];
      if ('notify' in action) {
        checkTemplate(action.notify.template, [...at, 'notify', 'template']);
        checkRecipients(action.notify.to, [...at, 'notify', 'to']);
      } else if ('setQueue' in action) checkQueue(action.setQueue, [...at, 'setQueue']);
    });
  });

  wf.notifications.forEach((n, i) => {
    checkTemplate(n.template, ['notifications', i, 'template']);
    checkRecipients(n.to, ['notifications', i, 'to']);
  });

  wf.escalateTo.forEach((queue, i) => checkQueue(queue, ['escalateTo', i]));
  for (const [category, queue] of Object.entries(wf.secondLine)) {
    if (!wf.escalateTo.includes(queue)) add(['secondLine', category], `the queue "${queue}" is not one of escalateTo, so agents could not escalate there`);
  }
  checkApprovals(wf, fields, refs, add, (rule, at) => checkRule(rule, at, false));
  if (wf.lifecycle) checkLifecycle(wf.lifecycle, fields, add, (rule, at) => checkRule(rule, at, false));

  return errors.length ? { ok: false, errors } : { ok: true, definition: wf };
}

/**
 * A lifecycle the desk can run: unique states, every class the desk moves
 * tickets into (pending is optional), and transitions between declared
 * states that require only things a person can fill in.
 */
function checkLifecycle(
  lifecycle: Lifecycle,
  fields: ReadonlyMap<string, FormField>,
  add: (path: PropertyKey[], message: string) => void,
  checkRule: (rule: unknown, at: PropertyKey[]) => void,
) {
  const ids = new Set<string>();
  lifecycle.states.forEach((state, i) => {
    if (ids.has(state.id)) add(['lifecycle', 'states', i, 'id'], `another state already uses the id "${state.id}"`);
    ids.add(state.id);
  });
  for (const needed of stateClasses.filter((c) => c !== 'pending' && c !== 'pending-approval')) {
    if (!lifecycle.states.some((s) => s.class === needed)) add(['lifecycle', 'states'], `add a state of class "${needed}": the desk moves tickets there`);
  }
  const known = (id: string) => ids.has(id);
  lifecycle.transitions.forEach((t, i) => {
    const at = ['lifecycle', 'transitions', i];
    t.from.forEach((from, j) => {
      if (!known(from)) add([...at, 'from', j], `"${from}" is not one of the lifecycle's states`);
    });
    if (!known(t.to)) add([...at, 'to'], `"${t.to}" is not one of the lifecycle's states`);
    if (t.from.includes(t.to)) add([...at, 'to'], 'a transition cannot lead back to the state it starts from');
    if (t.when !== undefined) checkRule(t.when, [...at, 'when']);
    t.requires.forEach((need, j) => {
      if (!(transitionInputs as readonly string[]).includes(need) && !fields.has(need)) {
        add([...at, 'requires', j], `"${need}" is neither ${transitionInputs.map((x) => `"${x}"`).join(', ')} nor a field of the form`);
      }
    });
  });
}

/** Approval steps the desk can run: unique ids, approvers it can find, a need they can meet. */
function checkApprovals(
  wf: WorkflowDefinition,
  fields: ReadonlyMap<string, FormField>,
  refs: WorkflowReferences,
  add: (path: PropertyKey[], message: string) => void,
  checkRule: (rule: unknown, at: PropertyKey[]) => void,
) {
  const ids = new Set<string>();
  wf.approvals.forEach((step, i) => {
    const at = ['approvals', i];
    if (ids.has(step.id)) add([...at, 'id'], `another approval step already uses the id "${step.id}"`);
    ids.add(step.id);
    if (step.when !== undefined) checkRule(step.when, [...at, 'when']);
    const who = step.approvers;
    if ('manager' in who && who.manager !== 'requester') {
      const field = fields.get(who.manager);
      if (!field) add([...at, 'approvers', 'manager'], `the form has no field "${who.manager}"; use "requester" or an email or user field`);
      else if (field.type !== 'email' && field.type !== 'user') add([...at, 'approvers', 'manager'], `the field "${who.manager}" is a ${field.type} field; the manager comes from an email or user field`);
    }
    if ('group' in who && refs.groups && !refs.groups.has(who.group)) add([...at, 'approvers', 'group'], `the group "${who.group}" does not exist`);
    if ('choose' in who) checkRule(who.choose, [...at, 'approvers', 'choose']);
    const single = 'manager' in who || 'person' in who;
    if (single && typeof step.need === 'number' && step.need > 1) add([...at, 'need'], `only one person approves this step, so it cannot need ${step.need}`);
    const t = step.timeout;
    if (t?.then === 'remind' && t.remindEveryHours === undefined) add([...at, 'timeout', 'remindEveryHours'], 'say how often to remind when the timeout only reminds');
    if (t?.remindEveryHours !== undefined && t.then !== 'remind' && t.remindEveryHours >= t.businessHours) {
      add([...at, 'timeout', 'remindEveryHours'], `a reminder every ${t.remindEveryHours} hours would never come before the ${t.businessHours}-hour timeout`);
    }
  });
}
