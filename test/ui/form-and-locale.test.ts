/**
 * The UI's own logic that needs no browser: which language a browser's
 * preferences pick, and which form fields show for the answers so far (the
 * same json-logic and the same settling rule as the server's validation).
 */
import { describe, expect, it } from 'vitest';
import { visibleFields } from '../../server/engine/form.ts';
import type { FormField } from '../../ui/src/lib/api/types.ts';
import { visibleKeys } from '../../ui/src/lib/form/visible-fields.ts';
import { fromBrowser } from '../../ui/src/lib/i18n/locales.ts';

describe('the language from the browser', () => {
  it.each([
    [['cy-GB', 'en-GB'], 'cy'],
    [['zh-Hans-CN'], 'zh-CN'],
    [['zh-TW', 'ro'], 'zh-CN'],
    [['ro-RO'], 'ro'],
    [['de-DE', 'ro'], 'ro'],
    [['de-DE', 'fr'], 'en'],
    [[], 'en'],
  ])('%j picks %s', (languages, locale) => {
    expect(fromBrowser(languages)).toBe(locale);
  });
});

describe('conditional fields in the browser', () => {
  const fields: FormField[] = [
    { key: 'kind', type: 'select', options: ['printer', 'other'] },
    { key: 'printer_id', type: 'text', required: true, visibleWhen: { '==': [{ var: 'fields.kind' }, 'printer'] } },
    { key: 'tray', type: 'text', visibleWhen: { '!!': [{ var: 'fields.printer_id' }] } },
    { key: 'mine', type: 'text', visibleWhen: { '==': [{ var: 'requester.email' }, 'sam@example.com'] } },
  ];
  const me = { id: 'u1', email: 'sam@example.com', name: 'Sam', roles: ['requester' as const], locale: 'en', timeZone: 'UTC', localeChosen: false, timeZoneChosen: false, groups: [], deactivatedAt: null };

  it.each([
    [{}, ['kind', 'mine']],
    [{ kind: 'printer' }, ['kind', 'printer_id', 'mine']],
    [{ kind: 'printer', printer_id: 'PRN-1' }, ['kind', 'printer_id', 'tray', 'mine']],
    // A field hidden by another hidden field stays hidden, whatever it still holds.
    [{ kind: 'other', printer_id: 'PRN-1' }, ['kind', 'mine']],
  ])('%j shows %j, as the server decides', (values, shown) => {
    expect([...visibleKeys(fields, values, me)]).toEqual(shown);
    expect([...visibleFields({ form: { fields } }, values, { requester: me }).visible]).toEqual(shown);
  });
});
