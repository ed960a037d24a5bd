import { describe, expect, it } from 'vitest';
import { maxWords, ticketMatch, ticketWords } from './ticket-text.ts';

describe("a ticket's words as a search", () => {
  it('takes the title first, then the fields, without stop words, short codes or repeats', () => {
    expect(ticketWords('The VPN drops every hour', { service: 'vpn', impact: 'me', details: 'It drops when I am on the hotel wifi', phone: '07700900123' })).toEqual([
      'vpn', 'drops', 'every', 'hour', 'hotel', 'wifi',
    ]);
  });

  it('quotes every word, so FTS5 operators and quotes are only words', () => {
    expect(ticketMatch('Printer "NEAR" jam*', { details: 'AND OR (paper)' })).toBe('"printer" OR "near" OR "jam" OR "paper"');
  });

  it('keeps at most the first words of a very long ticket', () => {
    const details = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    expect(ticketWords('Long one', { details })).toHaveLength(maxWords);
  });

  it('is nothing for a ticket with no telling words', () => {
    expect(ticketMatch('?!', { impact: 'me', count: 3 })).toBeNull();
  });
});
