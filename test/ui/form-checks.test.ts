/**
 * The portal checks a form in the browser before sending it
 * (ui/src/lib/form/check-fields.ts) with the server's own rules: for the same
 * answers it finds exactly the problems the server would (same paths, same
 * words), so a form refused here would have been refused there, and one
 * passed here is not refused there for its answers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateSubmission } from '../../server/engine/form.ts';
import type { FormField as ServerField } from '../../server/engine/workflow/workflow.schema.ts';
import type { FormField } from '../../ui/src/lib/api/types.ts';
import { checkFields } from '../../ui/src/lib/form/check-fields.ts';
import { isBlank, visibleKeys, type FieldValues } from '../../ui/src/lib/form/visible-fields.ts';

const fields = [
  { key: 'summary', type: 'text', required: true, maxLength: 10 },
  { key: 'code', type: 'text', pattern: '^CC-\\d{3,5}$' },
  { key: 'contact', type: 'email' },
  { key: 'colleague', type: 'user', required: true },
  { key: 'seats', type: 'number', min: 1, max: 5 },
  { key: 'start', type: 'date' },
  { key: 'what', type: 'select', required: true, options: ['laptop', { value: 'licence', label: { en: 'Licence' } }] },
  { key: 'software', type: 'text', required: true, visibleWhen: { '==': [{ var: 'fields.what' }, 'licence'] } },
  { key: 'extras', type: 'multiselect', options: ['bag', 'mouse'] },
  { key: 'agree', type: 'checkbox', required: true },
  { key: 'files', type: 'file' },
  { key: 'details', type: 'textarea', required: true },
] as const;

const good: FieldValues = { summary: 'Laptop', colleague: 'sam@example.com', what: 'laptop', agree: true, details: 'For Sam' };

const cases: [string, FieldValues][] = [
  ['nothing filled in', {}],
  ['everything right', good],
  ['blank and spaces count as empty', { ...good, summary: '   ', details: '' }],
  ['too long', { ...good, summary: 'far too long for it' }],
  ['wrong format', { ...good, code: '12345' }],
  ['right format', { ...good, code: 'CC-1234' }],
  ['not an e-mail address', { ...good, contact: 'sam at example' }],
  ['a person who is not an address', { ...good, colleague: 'Sam' }],
  ['below the minimum', { ...good, seats: 0 }],
  ['above the maximum', { ...good, seats: 9 }],
  ['not a real date', { ...good, start: '2026-02-30' }],
  ['not a date at all', { ...good, start: 'tomorrow' }],
  ['an option not offered', { ...good, what: 'phone' }],
  ['a field shown by another, left empty', { ...good, what: 'licence' }],
  ['a field shown by another, filled', { ...good, what: 'licence', software: 'Visio' }],
  ['a hidden field is not checked', { ...good, software: '' }],
  ['choices not offered', { ...good, extras: ['bag', 'hat'] }],
  ['the same choice twice', { ...good, extras: ['bag', 'bag'] }],
  ['a required tick left unticked', { ...good, agree: false }],
  ['files that are not uploads', { ...good, files: ['x'] }],
  ['the same file twice', { ...good, files: [3, 3] }],
];

describe('the browser’s form check and the server’s', () => {
  it.each(cases)('agree: %s', (_name, values) => {
    const visible = visibleKeys(fields as unknown as FormField[], values, null);
    const browser = checkFields(fields as unknown as FormField[], values, visible);
    // What the portal sends: the visible fields that are not blank.
    const sent = Object.fromEntries(Object.entries(values).filter(([k, v]) => visible.has(k) && !isBlank(v)));
    const server = validateSubmission({ form: { fields: fields as unknown as ServerField[] } }, sent, { requester: {}, ticket: {} }).problems;
    expect(browser).toEqual(server);
  });

  it('agree on every shipped form left empty', () => {
    for (const file of ['it-incident', 'service-request', 'access-request']) {
      const form = (JSON.parse(readFileSync(new URL(`../../workflows/${file}.json`, import.meta.url), 'utf8')) as { form: { fields: ServerField[] } }).form;
      // The portal starts each field at its default, as the server fills in a default not sent.
      const values = Object.fromEntries(form.fields.flatMap((f) => (f.default !== undefined ? [[f.key, f.default]] : [])));
      const visible = visibleKeys(form.fields as unknown as FormField[], values, null);
      const server = validateSubmission({ form }, {}, { requester: {}, ticket: {} }).problems;
      expect(checkFields(form.fields as unknown as FormField[], values, visible), file).toEqual(server);
      expect(server.length, file).toBeGreaterThan(0);
    }
  });
});
