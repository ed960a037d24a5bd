/**
 * The builder's template panel lists the edited workflow's own form fields
 * as variables (not the sample ticket's), each with the example its options
 * or default give, and the preview answers every field with something of
 * its type.
 */
import { describe, expect, it } from 'vitest';
import type { DraftField } from '../../ui/src/lib/builder/draft.ts';
import { formVariables, sampleAnswers, withFormVariables } from '../../ui/src/lib/templates/form-variables.ts';

const fields = [
  { key: 'laptop', type: 'select', label: { en: 'Which laptop?', cy: 'Pa liniadur?' }, options: [{ value: 'mac' }, { value: 'pc' }] },
  { key: 'start', type: 'date', label: { en: 'First day' } },
  { key: 'printer', type: 'text', label: { en: 'Printer name' } },
  { key: 'seats', type: 'number', label: { en: 'Seats' }, min: 2 },
  { key: 'kit', type: 'multiselect', label: { en: 'Kit' }, options: ['dock', 'mouse'] },
  { key: 'urgent', type: 'checkbox', label: { en: 'Urgent' }, default: false },
  { key: '', type: 'text', label: { en: 'Not named yet' } },
] as unknown as DraftField[];

describe('formVariables', () => {
  const vars = formVariables(fields, 'cy', '2026-11-23');

  it('lists each named field with its label in the admin’s language, falling back to English', () => {
    expect(vars.map((v) => [v.key, v.label])).toEqual([
      ['laptop', 'Pa liniadur?'],
      ['start', 'First day'],
      ['printer', 'Printer name'],
      ['seats', 'Seats'],
      ['kit', 'Kit'],
      ['urgent', 'Urgent'],
    ]);
  });

  it('gives an example only where an option or a default gives one; the preview answers every field', () => {
    expect(vars.map((v) => v.example)).toEqual(['mac', undefined, undefined, undefined, '["dock"]', false]);
    expect(sampleAnswers(vars)).toEqual({ laptop: 'mac', start: '2026-11-23', printer: '[Printer name]', seats: 2, kit: ['dock'], urgent: false });
  });
});

describe('withFormVariables', () => {
  const listed = [
    { path: 'ticket.number', description: 'number', example: 'INC-1042' },
    { path: 'ticket.fields.service', description: 'sample answer', example: 'vpn' },
    { path: 'ticket.fields.laptop', description: 'sample answer', example: 'pc' },
    { path: 'requester.name', description: 'name', example: 'Alex' },
  ];
  const own = formVariables(fields.slice(0, 2), 'en', '2026-11-23');

  it('puts the draft’s fields where the sample’s answers stood', () => {
    const merged = withFormVariables(listed, own, (label) => `Form field “${label}”`);
    expect(merged.map((v) => [v.path, v.example])).toEqual([
      ['ticket.number', 'INC-1042'],
      ['ticket.fields.laptop', 'mac'],
      ['ticket.fields.start', undefined],
      ['requester.name', 'Alex'],
    ]);
    expect(merged[1]!.description).toBe('Form field “Which laptop?”');
  });

  it('shows a chosen past ticket’s real answer for a field it answered', () => {
    const merged = withFormVariables(listed, own, (label) => label, true);
    expect(merged.find((v) => v.path === 'ticket.fields.laptop')!.example).toBe('pc');
  });
});
