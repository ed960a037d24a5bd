/**
 * E-mail in against real parts: dovecot serving a Maildir over IMAP, the
 * desk reading it, and the SMTP catcher receiving the acknowledgements.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveMail } from '../../server/mail-in/mail-in.service.ts';
import { findChannel } from '../../server/mail-in/mail-in.repository.ts';
import { startDovecot, type Dovecot } from '../support/dovecot.ts';
import { startTestDesk, type Client, type TestDesk } from '../support/test-desk.ts';

let imap: Dovecot;
let t: TestDesk;
let admin: Client;

const mail = (headers: Record<string, string>, body: string) =>
  Object.entries({ Date: new Date().toUTCString(), 'MIME-Version': '1.0', 'Content-Type': 'text/plain; charset=utf-8', ...headers })
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n') + `\r\n\r\n${body.replace(/\n/g, '\r\n')}\r\n`;

let n = 0;
const newId = () => `<test.${Date.now()}.${++n}@mail.example.net>`;

/** Waits until the channel has recorded the message with this Message-ID. */
async function recorded(messageId: string) {
  for (let i = 0; i < 400; i++) {
    const res = await admin.get('/api/admin/mail-channels/helpdesk/messages?limit=200');
    const found = (res.body.items as { messageId: string | null; status: string; reason: string | null; ticketId: number | null; uid: number }[]).find((m) => m.messageId === messageId);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the desk never recorded ${messageId}; dovecot log: ${imap.log()}`);
}

beforeAll(async () => {
  imap = await startDovecot();
  t = await startTestDesk({ env: { DESK_SECRET_KEY: 'a-test-key-of-enough-length' } });
  admin = await t.as('admin@example.com');
}, 60_000);

afterAll(async () => {
  await t?.close();
  await imap?.close();
});

const channel = () => ({
  id: 'helpdesk',
  name: 'Help desk mailbox',
  host: imap.host,
  port: imap.port,
  security: 'none',
  username: imap.user,
  password: imap.password,
  address: 'helpdesk@example.org',
  workflow: 'it-incident',
  mapping: { summary: { var: 'subject' }, details: { var: 'body' }, service: 'other', impact: 'me', urgency: { if: [{ in: ['URGENT', { var: 'subject' }] }, 'high', 'low'] } },
  pollSeconds: 5,
});

describe('mail channels', () => {
  it('says which step of the connection fails, then keeps the password encrypted', async () => {
    const wrong = await admin.post('/api/admin/mail-channels', { ...channel(), password: 'not-the-password', enabled: false });
    expect(wrong.status).toBe(201);
    expect(wrong.body.channel).toMatchObject({ hasPassword: true, enabled: false });
    expect(JSON.stringify(wrong.body)).not.toContain('not-the-password');
    const login = await admin.post('/api/admin/mail-channels/helpdesk/test');
    expect(login.body).toMatchObject({ ok: false, failedAt: 'login' });

    const stored = await t.desk.context.db.selectFrom('mail_channels').select('password_encrypted').executeTakeFirstOrThrow();
    expect(stored.password_encrypted).not.toContain('not-the-password');

    const current = wrong.body.channel;
    const folder = await admin.put('/api/admin/mail-channels/helpdesk', { ...channel(), id: undefined, folder: 'Nowhere', password: imap.password, enabled: false, rowVersion: current.rowVersion });
    expect(folder.status).toBe(200);
    expect((await admin.post('/api/admin/mail-channels/helpdesk/test')).body).toMatchObject({ ok: false, failedAt: 'folder' });

    const stale = await admin.put('/api/admin/mail-channels/helpdesk', { ...channel(), id: undefined, enabled: false, rowVersion: current.rowVersion });
    expect(stale.status).toBe(409);

    const good = await admin.put('/api/admin/mail-channels/helpdesk', { ...channel(), id: undefined, rowVersion: folder.body.channel.rowVersion });
    expect(good.status).toBe(200);
    expect((await admin.post('/api/admin/mail-channels/helpdesk/test')).body).toMatchObject({ ok: true, failedAt: null, idle: true });
  });

  it('refuses a mapping to a field the form does not have, at its path', async () => {
    const res = await admin.post('/api/admin/mail-channels', { ...channel(), id: 'other', mapping: { colour: 'blue' } });
    expect(res.status).toBe(422);
    expect(res.body.errors).toContainEqual({ path: 'mapping.colour', message: 'the form of "it-incident" has no field "colour"' });
  });

  it('turns a new mail into a ticket with an acknowledgement, and a reply to that acknowledgement into a reply on it', async () => {
    const first = newId();
    await imap.append(mail({ From: 'Alex Requester <requester@example.com>', To: 'helpdesk@example.org', Subject: 'URGENT printer on fire', 'Message-ID': first }, 'The printer on floor 2 smokes.\n\nAlex'));
    const created = await recorded(first);
    expect(created).toMatchObject({ status: 'created' });
    const ticket = (await admin.get(`/api/tickets/${created.ticketId}`)).body.ticket;
    expect(ticket).toMatchObject({ title: 'URGENT printer on fire', queue: 'first-line', fields: expect.objectContaining({ urgency: 'high', details: 'The printer on floor 2 smokes.\n\nAlex' }) });

    const ack = await t.mail.waitFor((m) => m.to.includes('requester@example.com') && m.subject.includes(`INC-${created.ticketId}`));

    const reply = newId();
    await imap.append(
      mail(
        { From: 'requester@example.com', To: 'helpdesk@example.org', Subject: 'Re: your ticket', 'Message-ID': reply, 'In-Reply-To': ack.messageId, References: `${ack.references.join(' ')} ${ack.messageId}` },
        `It has stopped smoking now.\n\nOn Thu, 3 Dec 2026 at 10:00, Deskwright <desk@localhost> wrote:\n> ${ack.text.split('\n')[0]}\n> more`,
      ),
    );
    const replied = await recorded(reply);
    expect(replied).toMatchObject({ status: 'replied', ticketId: created.ticketId });
    const events = (await admin.get(`/api/tickets/${created.ticketId}`)).body.events as { type: string; data: { body?: string } }[];
    expect(events.filter((e) => e.type === 'reply.requester').map((e) => e.data.body)).toEqual(['It has stopped smoking now.']);

    // In the mailbox, both are marked read.
    const c = await imap.client();
    const lock = await c.getMailboxLock('INBOX');
    const unseen = await c.search({ seen: false }, { uid: true });
    lock.release();
    await c.logout();
    expect(unseen).toEqual([]);
  });

  it('records a reply from someone who may not see the ticket without adding it', async () => {
    const opened = newId();
    await imap.append(mail({ From: 'requester@example.com', To: 'helpdesk@example.org', Subject: 'VPN drops', 'Message-ID': opened }, 'Every hour.'));
    const { ticketId } = await recorded(opened);
    const stranger = newId();
    await imap.append(mail({ From: 'someone@elsewhere.example', To: 'helpdesk@example.org', Subject: `Re: [INC-${ticketId}] VPN drops`, 'Message-ID': stranger }, 'I can see your ticket!'));
    expect(await recorded(stranger)).toMatchObject({ status: 'refused', ticketId });
    const specialist = newId();
    await imap.append(mail({ From: 'specialist@example.com', To: 'helpdesk@example.org', Subject: `Re: [INC-${ticketId}] VPN drops`, 'Message-ID': specialist }, 'Me too.'));
    expect(await recorded(specialist)).toMatchObject({ status: 'refused', reason: `specialist@example.com may not reply to ticket ${ticketId}` });
    const events = (await admin.get(`/api/tickets/${ticketId}`)).body.events as { type: string }[];
    expect(events.some((e) => e.type.startsWith('reply.'))).toBe(false);
  });

  it('opens no ticket and sends no acknowledgement for an auto-reply, a bounce or mail from its own address', async () => {
    const sentBefore = t.mail.messages.length;
    const auto = newId();
    await imap.append(mail({ From: 'requester@example.com', To: 'helpdesk@example.org', Subject: 'Out of office', 'Auto-Submitted': 'auto-replied', 'Message-ID': auto }, 'I am away.'));
    const bounce = newId();
    await imap.append(
      mail(
        { From: 'MAILER-DAEMON@mail.example.net', To: 'helpdesk@example.org', Subject: 'Undelivered Mail Returned to Sender', 'Message-ID': bounce, 'Content-Type': 'multipart/report; report-type=delivery-status; boundary="b1"' },
        '--b1\nContent-Type: text/plain\n\nThe mail could not be delivered.\n--b1\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mail.example.net\n\nFinal-Recipient: rfc822; nobody@example.com\nAction: failed\nStatus: 5.1.1\n--b1--',
      ),
    );
    const own = newId();
    await imap.append(mail({ From: 'helpdesk@example.org', To: 'helpdesk@example.org', Subject: 'Hello me', 'Message-ID': own }, 'Loop?'));
    for (const id of [auto, bounce, own]) expect(await recorded(id)).toMatchObject({ status: 'ignored', ticketId: null });
    expect((await recorded(auto)).reason).toContain('Auto-Submitted: auto-replied');
    expect((await recorded(bounce)).reason).toContain('bounce');
    await new Promise((r) => setTimeout(r, 300));
    expect(t.mail.messages.length).toBe(sentBefore);
  });

  it('records a mail with a 100 kB subject or 10,000 recipients as failed, and goes on with the next', async () => {
    const huge = newId();
    await imap.append(mail({ From: 'requester@example.com', To: 'helpdesk@example.org', Subject: 'x'.repeat(100_000), 'Message-ID': huge }, 'Big subject.'));
    const crowd = newId();
    const to = Array.from({ length: 10_000 }, (_, i) => `p${i}@example.com`).join(', ');
    await imap.append(mail({ From: 'requester@example.com', To: to, Subject: 'Everyone', 'Message-ID': crowd }, 'Hi all.'));
    const next = newId();
    await imap.append(mail({ From: 'requester@example.com', To: 'helpdesk@example.org', Subject: 'Keyboard sticks', 'Message-ID': next, 'Content-Type': 'text/plain; charset=no-such-charset' }, 'The K key.'));
    expect(await recorded(huge)).toMatchObject({ status: 'failed', reason: expect.stringContaining('the subject is 100000 characters long') });
    expect(await recorded(crowd)).toMatchObject({ status: 'failed', reason: 'the mail has 10000 recipients (at most 1000)' });
    expect(await recorded(next)).toMatchObject({ status: 'created' });
    const failed = await admin.get('/api/admin/mail-channels/helpdesk/messages?status=failed');
    expect(failed.body.items.map((m: { messageId: string }) => m.messageId).sort()).toEqual([huge, crowd].sort());
  });

  it('handles a message once: the same mailbox UID again (as after a crash before it was marked read) changes nothing', async () => {
    const first = newId();
    await imap.append(mail({ From: 'requester@example.com', To: 'helpdesk@example.org', Subject: 'Mouse broken', 'Message-ID': first }, 'It clicks twice.'));
    const done = await recorded(first);
    const ctx = t.desk.context;
    const stored = (await findChannel(ctx.db, 'helpdesk'))!;
    const row = await ctx.db.selectFrom('mail_messages').selectAll().where('message_id', '=', first).executeTakeFirstOrThrow();
    const again = await receiveMail(ctx, stored, { channelId: 'helpdesk', mailbox: row.mailbox, uidValidity: row.uid_validity, uid: row.uid }, Buffer.from('Subject: whatever\r\n\r\nx'), 20);
    expect(again.status).toBe('known');
    const tickets = await ctx.db.selectFrom('mail_messages').select('ticket_id').where('ticket_id', '=', done.ticketId).execute();
    expect(tickets).toHaveLength(1);
  });
});
