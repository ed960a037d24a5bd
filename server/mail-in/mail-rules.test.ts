import { describe, expect, it } from 'vitest';
import { loopReason, threadedTicket, trimReply, type MailFacts } from './mail-rules.ts';

const facts = (over: Partial<MailFacts> & { h?: Record<string, string> } = {}): MailFacts => ({
  from: 'alex@example.com',
  fromName: 'Alex',
  to: ['desk@example.org'],
  subject: 'Hello',
  body: '',
  headers: new Map(Object.entries(over.h ?? {})),
  contentType: 'text/plain',
  inReplyTo: [],
  references: [],
  ...over,
});

describe('trimReply', () => {
  it.each([
    ['Gmail', 'Thanks, fixed.\n\nOn Tue, 1 Dec 2026 at 09:12, IT Desk <desk@example.org> wrote:\n> Hello Alex,\n> we restarted it.', 'Thanks, fixed.'],
    ['Gmail, wrapped', 'Still broken.\n\nOn Tue, 1 Dec 2026 at 09:12, IT Service Desk <desk@example.org>\nwrote:\n> Hello', 'Still broken.'],
    ['Outlook', 'It works again.\r\n\r\n-----Original Message-----\r\nFrom: IT Desk\r\nSent: Tuesday\r\nSubject: [INC-1001]', 'It works again.'],
    ['Outlook (new)', 'Yes please.\n\n________________________________\nFrom: IT Desk <desk@example.org>\nSent: 01 December 2026 09:12\nTo: Alex', 'Yes please.'],
    ['Outlook header only', 'Done.\n\nFrom: IT Desk <desk@example.org>\nSent: 01 December 2026 09:12\nSubject: x', 'Done.'],
    ['signature', 'See attached.\n-- \nAlex Smith\nFinance', 'See attached.'],
    ['inline quote lines', '> are you there?\nYes, I am.', 'Yes, I am.'],
    ['"From:" in a sentence stays', 'From: my desk the light is off.\nThanks', 'From: my desk the light is off.\nThanks'],
    ['nothing but a quote keeps all', '> only quoted', '> only quoted'],
  ])('%s', (_name, text, expected) => expect(trimReply(text)).toBe(expected));
});

describe('loopReason', () => {
  it.each([
    [{ h: { 'auto-submitted': 'auto-replied' } }, 'Auto-Submitted: auto-replied'],
    [{ h: { 'auto-submitted': 'auto-generated' } }, 'Auto-Submitted: auto-generated'],
    [{ h: { precedence: 'bulk' } }, 'Precedence: bulk'],
    [{ h: { precedence: 'list' } }, 'Precedence: list'],
    [{ contentType: 'multipart/report; report-type=delivery-status; boundary=x' }, 'a delivery status notification (bounce)'],
    [{ from: 'mailer-daemon@mx.example.com' }, 'a bounce (from the mail system)'],
    [{ from: 'desk@example.org' }, "sent from the desk's own address"],
  ])('%j → %s', (over, reason) => expect(loopReason(facts(over), ['Desk@example.org'])).toBe(reason));

  it('lets a person through, also with Auto-Submitted: no', () => {
    expect(loopReason(facts({ h: { 'auto-submitted': 'no' } }), ['desk@example.org'])).toBeNull();
  });
});

describe('threadedTicket', () => {
  it.each([
    [{ inReplyTo: ['<deskwright.1004.17@desk.example.org>'] }, 1004],
    [{ references: ['<other@x>', '<deskwright.ticket.1009@desk.example.org>'] }, 1009],
    [{ inReplyTo: ['<deskwright.1004.17@evil.example>'] }, null],
    [{ subject: 'Re: [REQ-1200] New laptop' }, 1200],
    [{ subject: 'Re: INC-1200 without brackets' }, null],
  ])('%j → %s', (over, ticket) => expect(threadedTicket({ inReplyTo: [], references: [], subject: '', ...over }, 'desk.example.org')).toBe(ticket));
});
