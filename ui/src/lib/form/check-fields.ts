/**
 * The intake form's own checks, run in the browser before a send: required
 * marks, types, options and limits, with the server's definitions and in its
 * words (`server/engine/form.ts`: `isEmpty`, `checkFieldValue`,
 * `validateSubmission`), so a form that passes here passes there and a
 * field's message can clear the moment it is put right. The server checks
 * everything again; test/ui/form-checks.test.ts holds the two side by side.
 */
import type { FieldProblem } from '../api/problem.ts';
import type { FormField } from '../api/types.ts';
import type { FieldValues } from './visible-fields.ts';

const emailAddress = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
/** Files one form field may hold (the server's `maxFilesPerField`). */
const maxFilesPerField = 10;

const optionValues = (field: FormField) => (field.options ?? []).map((o) => (typeof o === 'string' ? o : o.value));

/** Whether a value counts as "not filled in" for a required field. */
export function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

/** What is wrong with one present value of a field, or undefined when it is fine. */
export function checkFieldValue(field: FormField, value: unknown): string | undefined {
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'email': {
      if (typeof value !== 'string') return 'must be text';
      if (field.maxLength !== undefined && value.length > field.maxLength) return `must be at most ${field.maxLength} characters (it has ${value.length})`;
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
      return typeof value === 'string' && optionValues(field).includes(value) ? undefined : `must be one of ${optionValues(field).join(', ')}`;
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
      if (!Array.isArray(value) || !value.every((v) => Number.isInteger(v) && (v as number) > 0)) return 'must be a list of uploaded attachment ids';
      if (value.length > maxFilesPerField) return `can hold at most ${maxFilesPerField} files`;
      if (new Set(value).size !== value.length) return 'lists the same file twice';
      return undefined;
    default:
      return undefined;
  }
}

/**
 * Every problem with the visible fields' values, each at `fields.<key>`, as
 * the server would report it. Hidden fields are not sent, so never checked.
 */
export function checkFields(fields: readonly FormField[], values: FieldValues, visible: ReadonlySet<string>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of fields) {
    if (!visible.has(field.key)) continue;
    const value = Object.hasOwn(values, field.key) ? values[field.key] : undefined;
    if (isEmpty(value) || (field.type === 'checkbox' && field.required && value === false)) {
      if (field.required) problems.push({ path: `fields.${field.key}`, message: 'is required' });
      continue;
    }
    const problem = checkFieldValue(field, value);
    if (problem) problems.push({ path: `fields.${field.key}`, message: problem });
  }
  return problems;
}
