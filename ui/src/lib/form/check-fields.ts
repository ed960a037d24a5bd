/**
 * The intake form's own checks, run in the browser before a send. The value
 * checks are the server's own pure functions (`server/engine/form.ts`), so a
 * form that passes here passes there and a field's message can clear the
 * moment it is put right. The server checks everything again;
 * test/ui/form-checks.test.ts holds the two side by side.
 */
import { checkFieldValue, isEmpty } from '../../../../server/engine/form.ts';
import type { FieldProblem } from '../api/problem.ts';
import type { FormField } from '../api/types.ts';
import type { FieldValues } from './visible-fields.ts';

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
