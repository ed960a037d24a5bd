/**
 * Intake form validation: types, required marks, options and limits, with
 * fields hidden by `visibleWhen` dropped (and so never required).
 */
import type { Problem } from './problems.ts';
import { evaluateRule, isTruthy, nullPrototypeCopy } from './rules.ts';
import type { FormField, WorkflowDefinition } from './workflow/workflow.schema.ts';

export type FieldValues = Record<string, unknown>;

const emailAddress = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Files one form field may hold. */
export const maxFilesPerField = 10;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** The values a select or multiselect field accepts. */
export function optionValues(field: FormField): string[] {
  return (field.options ?? []).map((o) => (typeof o === 'string' ? o : o.value));
}

/** Whether a value counts as "not filled in" for a required field. */
export function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** What is wrong with one present value of a field, or undefined when it is fine. */
export function checkFieldValue(field: FormField, value: unknown): string | undefined {
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'email': {
      if (typeof value !== 'string') return 'must be text';
      if (field.maxLength !== undefined && value.length > field.maxLength) {
        return `must be at most ${field.maxLength} characters (it has ${value.length})`;
      }
      if (field.type === 'email' && !emailAddress.test(value)) return 'must be an e-mail address, like name@example.com';
      if (field.pattern !== undefined) {
        let pattern: RegExp;
        try {
          pattern = new RegExp(field.pattern, 'u');
        } catch {
          return undefined;
        }
        if (!pattern.test(value)) return `does not have the expected format (${field.pattern})`;
      }
      return undefined;
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      if (field.min !== undefined && value < field.min) return `must be at least ${field.min}`;
      if (field.max !== undefined && value > field.max) return `must be at most ${field.max}`;
      return undefined;
    case 'date': {
      if (typeof value !== 'string' || !isoDate.test(value)) return 'must be a date like 2026-11-22';
      const date = new Date(`${value}T00:00:00Z`);
      if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return 'is not a real date';
      return undefined;
    }
    case 'select':
      if (typeof value !== 'string' || !optionValues(field).includes(value)) {
        return `must be one of ${optionValues(field).join(', ')}`;
      }
      return undefined;
    case 'multiselect': {
      if (!Array.isArray(value)) return 'must be a list of choices';
      const allowed = optionValues(field);
      const wrong = value.filter((v) => typeof v !== 'string' || !allowed.includes(v));
      if (wrong.length) return `has choices that are not offered: ${wrong.map(String).join(', ')}`;
      if (new Set(value).size !== value.length) return 'lists the same choice twice';
      return undefined;
    }
    case 'checkbox':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'user':
      return typeof value === 'string' && emailAddress.test(value) ? undefined : "must be a person's e-mail address";
    case 'file':
      // Uploaded first (POST /api/workflows/{id}/attachments); the form carries their ids.
      if (!Array.isArray(value) || !value.every((v) => Number.isInteger(v) && (v as number) > 0)) return 'must be a list of uploaded attachment ids';
      if (value.length > maxFilesPerField) return `can hold at most ${maxFilesPerField} files`;
      if (new Set(value).size !== value.length) return 'lists the same file twice';
      return undefined;
  }
}

/**
 * Which fields are visible for these values. Visibility is recomputed from
 * the given values of the fields visible so far until it settles, so a
 * hidden field cannot show another, and a field that a hidden one was
 * hiding comes back with its value.
 */
export function visibleFields(
  definition: Pick<WorkflowDefinition, 'form'>,
  values: FieldValues,
  context: Record<string, unknown>,
): { visible: Set<string>; values: FieldValues } {
  const only = (keys: Set<string>) => Object.fromEntries(Object.entries(values).filter(([k]) => keys.has(k)));
  let visible = new Set(definition.form.fields.map((f) => f.key));
  for (let round = 0; round <= definition.form.fields.length; round++) {
    const data = nullPrototypeCopy({ ...context, fields: only(visible) });
    const next = new Set(
      definition.form.fields
        .filter((f) => f.visibleWhen === undefined || isTruthy(evaluateRule(f.visibleWhen, data, { prepared: true })))
        .map((f) => f.key),
    );
    const stable = next.size === visible.size && [...next].every((k) => visible.has(k));
    visible = next;
    if (stable) break;
  }
  return { visible, values: only(visible) };
}

/**
 * Validates a submission against the form. Returns the cleaned values
 * (defaults applied, hidden fields dropped) and every problem, each at
 * `fields.<key>`.
 */
export function validateSubmission(
  definition: Pick<WorkflowDefinition, 'form'>,
  input: unknown,
  context: Record<string, unknown> = {},
): { values: FieldValues; problems: Problem[] } {
  const problems: Problem[] = [];
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { values: {}, problems: [{ path: 'fields', message: 'must be an object of field values' }] };
  }
  const known = new Map(definition.form.fields.map((f) => [f.key, f]));
  // Own keys only throughout: a field may be called "constructor" or "toString".
  const given: FieldValues = Object.create(null) as FieldValues;
  for (const [key, value] of Object.entries(input)) {
    if (!known.has(key)) problems.push({ path: `fields.${key}`, message: 'is not a field of this form' });
    else if (value !== null && value !== undefined && !(typeof value === 'string' && value === '')) given[key] = value;
  }
  for (const field of definition.form.fields) {
    if (!Object.hasOwn(given, field.key) && field.default !== undefined) given[field.key] = field.default;
  }
  const { visible, values } = visibleFields(definition, given, context);
  for (const field of definition.form.fields) {
    if (!visible.has(field.key)) continue;
    const value = Object.hasOwn(values, field.key) ? values[field.key] : undefined;
    if (isEmpty(value) || (field.type === 'checkbox' && field.required && value === false)) {
      if (field.required) problems.push({ path: `fields.${field.key}`, message: 'is required' });
      continue;
    }
    const problem = checkFieldValue(field, value);
    if (problem) problems.push({ path: `fields.${field.key}`, message: problem });
  }
  return { values, problems };
}
