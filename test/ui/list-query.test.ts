/** The workspace list's filters saved as a view: the json-logic filter the desk accepts and runs, picking what the filters pick. */
import { describe, expect, it } from 'vitest';
import { compileTicketFilter } from '../../server/db/ticket-filter.ts';
import { filtersFrom, urlFor, viewFilter, viewUrl } from '../../ui/src/routes/agent/list-query.ts';

const filters = (query: string) => filtersFrom(new URLSearchParams(query));
const v = (name: string) => ({ var: `ticket.${name}` });

describe('a view from the list filters', () => {
  it.each([
    ['', { in: [v('statusClass'), ['new', 'open', 'pending']] }],
    ['state=', true],
    ['state=resolved', { '==': [v('statusClass'), 'resolved'] }],
    ['state=waiting-for-supplier', { '==': [v('status'), 'waiting-for-supplier'] }],
    ['state=&queue=network', { '==': [v('queue'), 'network'] }],
    ['state=&priority=P1,P2', { in: [v('priority'), ['P1', 'P2']] }],
    ['state=&assignee=none', { '==': [v('assignee'), null] }],
    ['state=&assignee=u-42', { '==': [v('assignee'), 'u-42'] }],
    [
      'queue=first-line&priority=P1&assignee=me&q=printer&sort=oldest',
      { and: [{ in: [v('statusClass'), ['new', 'open', 'pending']] }, { '==': [v('queue'), 'first-line'] }, { '==': [v('priority'), 'P1'] }, { '==': [v('assignee'), { var: 'me' }] }] },
    ],
  ])('"%s" is %j, which the desk can run', (query, expected) => {
    const filter = viewFilter(filters(query));
    expect(filter).toEqual(expected);
    expect(compileTicketFilter(filter, { userId: 'u-me', now: new Date() }).ok).toBe(true);
  });

  it('keeps the filter of a view already applied', () => {
    const base = { '==': [v('category'), 'network'] };
    expect(viewFilter(filters('view=3&state=&priority=P2'), base)).toEqual({ and: [base, { '==': [v('priority'), 'P2'] }] });
    expect(viewFilter(filters('view=3&state='), base)).toEqual(base);
  });

  it('opens a view with no list state of its own, so the view alone decides', () => {
    expect(viewUrl(7)).toBe('/agent?view=7&state=');
    expect(filtersFrom(new URL(viewUrl(7), 'http://x').searchParams)).toMatchObject({ view: '7', state: '' });
    expect(urlFor(filters('view=7&state='))).toBe(viewUrl(7));
  });
});
