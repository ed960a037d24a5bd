/**
 * E-mail in. Admins keep the channels (IMAP mailboxes); each message read
 * from one becomes, in one transaction with the record of its mailbox UID,
 * a new ticket (through the same `openTicket` as a form), a reply on the
 * ticket it answers, or a recorded refusal — so it is handled exactly once.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { DeskDb } from '../db/database.ts';
import { insertAttachment } from '../db/attachments.repository.ts';
import { inTransaction } from '../db/transaction.ts';
import { findTicket, insertEvents } from '../db/tickets.repository.ts';
import { findUserById, findUserIdByEmail, insertUser } from '../db/users.repository.ts';
import { latestVersion } from '../db/workflows.repository.ts';
import { DeskError, invalid, notFound } from '../errors.ts';
import type { Problem } from '../engine/problems.ts';
import type { User } from '../engine/people/people.schema.ts';
import { inspectRule } from '../engine/rules.ts';
import type { DeskContext } from '../services/desk-context.ts';
import { deskSnapshot } from '../services/desk-snapshot.ts';
import { openTicket } from '../services/intake.service.ts';
import { commentOnTicket } from '../services/ticket-actions.service.ts';
import { attachmentDir, storeAttachment } from '../storage/attachment-store.ts';
import { badMailReason, loopReason, mailLimits, mapFields, threadedTicket, trimReply, type MailFacts } from './mail-rules.ts';
import * as repo from './mail-in.repository.ts';
import type { MailChannel, MailChannelChange, MailChannelInput, MailMessage, MailStatus } from './mail-in.schema.ts';
import { decryptSecret, encryptSecret } from './secret-box.ts';

const toChannel = ({ passwordEncrypted: _, ...c }: repo.StoredChannel): MailChannel => c;

function seal(desk: DeskContext, password: string | undefined): string | undefined {
  if (password === undefined) return undefined;
  if (!desk.config.secretKey) {
    throw invalid('The desk has no key to encrypt the password with: set DESK_SECRET_KEY (at least 16 characters) and restart it', [
      { path: 'password', message: 'cannot be stored without DESK_SECRET_KEY' },
    ]);
  }
  return encryptSecret(desk.config.secretKey, password);
}

/** The stored password, readable again, or why not. */
export function channelPassword(desk: DeskContext, channel: repo.StoredChannel): string {
  if (!channel.passwordEncrypted) throw new DeskError(409, 'conflict', `The mail channel "${channel.id}" has no password yet`);
  if (!desk.config.secretKey) throw new DeskError(409, 'conflict', 'DESK_SECRET_KEY is not set, so the stored password cannot be read');
  try {
    return decryptSecret(desk.config.secretKey, channel.passwordEncrypted);
  } catch {
    throw new DeskError(409, 'conflict', 'The stored password was encrypted with another DESK_SECRET_KEY: enter it again');
  }
}

async function checkChannel(db: DeskDb, input: Pick<MailChannelInput, 'workflow' | 'mapping' | 'afterRead' | 'moveTo'>): Promise<void> {
  const version = await latestVersion(db, input.workflow);
  const problems: Problem[] = version ? [] : [{ path: 'workflow', message: `there is no published workflow "${input.workflow}"` }];
  const keys = version ? new Set(version.definition.form.fields.map((f) => f.key)) : null;
  for (const [key, rule] of Object.entries(input.mapping)) {
    if (keys && !keys.has(key)) problems.push({ path: `mapping.${key}`, message: `the form of "${input.workflow}" has no field "${key}"` });
    for (const p of inspectRule(rule).problems) problems.push({ path: [`mapping.${key}`, ...p.path].join('.'), message: p.message });
  }
  if (input.afterRead === 'move' && !input.moveTo) problems.push({ path: 'moveTo', message: 'is required when read mail is moved' });
  if (problems.length) throw invalid('The mail channel needs attention', problems);
}

export async function listChannels(desk: DeskContext): Promise<MailChannel[]> {
  return (await repo.listChannels(desk.db)).map(toChannel);
}

export async function getChannel(desk: DeskContext, id: string): Promise<MailChannel> {
  return toChannel(await storedChannel(desk.db, id));
}

export async function storedChannel(db: DeskDb, id: string): Promise<repo.StoredChannel> {
  const channel = await repo.findChannel(db, id);
  if (!channel) throw notFound(`The mail channel "${id}"`);
  return channel;
}

export async function createChannel(desk: DeskContext, input: MailChannelInput): Promise<MailChannel> {
  const { id, password, ...values } = input;
  const sealed = seal(desk, password) ?? null;
  const created = await inTransaction(desk.db, async (trx) => {
    if (await repo.findChannel(trx, id)) throw new DeskError(409, 'conflict', `There is already a mail channel "${id}"`);
    await checkChannel(trx, values);
    await repo.insertChannel(trx, id, values, sealed, desk.now().toISOString());
    return toChannel((await repo.findChannel(trx, id))!);
  });
  desk.onMailChannelsChanged?.();
  return created;
}

export async function changeChannel(desk: DeskContext, id: string, change: MailChannelChange): Promise<MailChannel> {
  const { password, rowVersion, ...values } = change;
  const sealed = seal(desk, password);
  const changed = await inTransaction(desk.db, async (trx) => {
    const current = await storedChannel(trx, id);
    if (current.rowVersion !== rowVersion) throw new DeskError(409, 'conflict', `Someone else changed this mail channel first (it is now at version ${current.rowVersion}); reload it and try again`);
    await checkChannel(trx, values);
    await repo.updateChannel(trx, id, rowVersion, values, sealed, desk.now().toISOString());
    return toChannel((await repo.findChannel(trx, id))!);
  });
  desk.onMailChannelsChanged?.();
  return changed;
}

export async function removeChannel(desk: DeskContext, id: string): Promise<void> {
  await inTransaction(desk.db, async (trx) => {
    await storedChannel(trx, id);
    await repo.deleteChannel(trx, id);
  });
  desk.onMailChannelsChanged?.();
}

export async function channelMessages(desk: DeskContext, id: string, q: { status?: MailStatus | undefined; beforeId?: number | undefined; limit: number }): Promise<{ items: MailMessage[]; next: string | null }> {
  await storedChannel(desk.db, id);
  const rows = await repo.listMessages(desk.db, { channelId: id, status: q.status, beforeId: q.beforeId, limit: q.limit + 1 });
  const items = rows.slice(0, q.limit);
  return { items, next: rows.length > q.limit ? String(items.at(-1)!.id) : null };
}

/** The domain of the desk's own Message-IDs (as the outbox dispatcher makes them). */
export function deskMailDomain(desk: DeskContext): string {
  return /@([^>\s]+)>?\s*$/.exec(desk.config.mailFrom)?.[1] ?? new URL(desk.config.publicUrl).hostname;
}
const deskAddress = (desk: DeskContext) => (/<([^>]+)>/.exec(desk.config.mailFrom)?.[1] ?? desk.config.mailFrom).trim().toLowerCase();

const addresses = (a: AddressObject | AddressObject[] | undefined) => (a === undefined ? [] : Array.isArray(a) ? a : [a]).flatMap((o) => o.value);

/** The parts of a parsed mail the rules read; text from HTML-only mail comes from mailparser's conversion, never the HTML itself. */
export function factsOf(parsed: ParsedMail): MailFacts {
  const headers = new Map<string, string>();
  for (const h of parsed.headerLines) if (!headers.has(h.key)) headers.set(h.key, h.line.slice(h.line.indexOf(':') + 1).trim());
  const sender = parsed.from?.value[0];
  const refs = parsed.references === undefined ? [] : Array.isArray(parsed.references) ? parsed.references : parsed.references.split(/\s+/);
  return {
    from: (sender?.address ?? '').trim().toLowerCase(),
    fromName: sender?.name?.trim() || (sender?.address ?? ''),
    to: [...addresses(parsed.to), ...addresses(parsed.cc)].map((a) => a.address ?? '').filter(Boolean),
    subject: parsed.subject ?? '',
    body: (parsed.text ?? '').replace(/\u0000/g, '').slice(0, mailLimits.bodyChars),
    headers,
    contentType: headers.get('content-type') ?? 'text/plain',
    inReplyTo: parsed.inReplyTo ? parsed.inReplyTo.split(/\s+/).filter(Boolean) : [],
    references: refs.filter(Boolean),
  };
}

export interface MailOutcome {
  status: MailStatus | 'known';
  ticketId: number | null;
  reason: string | null;
}

interface Decided {
  status: MailStatus;
  reason: string | null;
  ticketId: number | null;
  notified?: boolean;
}

/**
 * Handles one message from a channel's mailbox. `raw` null: it was too
 * large to fetch. A message already recorded under its UID is `known` and
 * changes nothing (the caller still marks it read).
 */
export async function receiveMail(desk: DeskContext, channel: repo.StoredChannel, place: repo.MailboxPlace, raw: Buffer | null, size: number): Promise<MailOutcome> {
  if (await repo.isRecorded(desk.db, place)) return { status: 'known', ticketId: null, reason: null };
  const at = desk.now().toISOString();
  const record = (trx: DeskDb, facts: Partial<MailFacts> & { messageId?: string | null }, d: Decided) =>
    repo.insertMessage(trx, {
      ...place,
      messageId: facts.messageId?.slice(0, 1000) ?? null,
      from: facts.from?.slice(0, 320) || null,
      subject: facts.subject?.slice(0, 500) ?? null,
      receivedAt: at,
      status: d.status,
      reason: d.reason?.slice(0, 4000) ?? null,
      ticketId: d.ticketId,
    });
  const failed = async (reason: string, facts: Partial<MailFacts> & { messageId?: string | null } = {}): Promise<MailOutcome> => {
    await inTransaction(desk.db, async (trx) => {
      if (!(await repo.isRecorded(trx, place))) await record(trx, facts, { status: 'failed', reason, ticketId: null });
    });
    return { status: 'failed', ticketId: null, reason };
  };
  if (raw === null) return failed(`the message is ${size} bytes; at most ${mailLimits.rawBytes} are read`);
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(raw, { skipHtmlToText: false, maxHtmlLengthToParse: 2 * 1024 * 1024 });
  } catch (error) {
    return failed(`the message could not be read as MIME: ${(error as Error).message}`);
  }
  let facts: MailFacts;
  try {
    facts = factsOf(parsed);
  } catch (error) {
    return failed(`the message's headers could not be read: ${(error as Error).message}`);
  }
  const messageId = parsed.messageId ?? null;
  const bad = badMailReason(facts);
  if (bad) return failed(bad, { ...facts, messageId });

  const result = await inTransaction(desk.db, async (trx) => {
    if (await repo.isRecorded(trx, place)) return { status: 'known' as const, reason: null, ticketId: null };
    await sql`SAVEPOINT mail_item`.execute(trx);
    let d: Decided;
    try {
      d = await decide(desk, trx, channel, facts, messageId, parsed, at);
      await sql`RELEASE mail_item`.execute(trx);
    } catch (error) {
      if (!(error instanceof DeskError)) throw error;
      await sql`ROLLBACK TO mail_item`.execute(trx);
      await sql`RELEASE mail_item`.execute(trx);
      const detail = error.errors?.length ? `: ${error.errors.map((p) => `${p.path}: ${p.message}`).join('; ')}` : '';
      d = { status: 'failed', reason: `${error.message}${detail}`, ticketId: null };
    }
    await record(trx, { ...facts, messageId }, d);
    return d;
  });
  if (result.status === 'known') return { status: 'known', ticketId: null, reason: null };
  if ((result as Decided).notified) desk.onOutboxWritten?.();
  if (result.ticketId !== null) desk.onTicketChanged?.();
  return { status: result.status, ticketId: result.ticketId, reason: result.reason };
}

async function senderAccount(trx: DeskDb, email: string): Promise<User | undefined> {
  const id = email ? await findUserIdByEmail(trx, email) : undefined;
  return id ? findUserById(trx, id) : undefined;
}

async function decide(desk: DeskContext, trx: DeskDb, channel: repo.StoredChannel, facts: MailFacts, messageId: string | null, parsed: ParsedMail, at: string): Promise<Decided> {
  if (messageId && (await repo.messageIdSeen(trx, channel.id, messageId))) return { status: 'ignored', reason: `the message ${messageId} was already handled`, ticketId: null };
  const loop = loopReason(facts, [channel.address, deskAddress(desk)]);
  if (loop) return { status: 'ignored', reason: `no ticket and no acknowledgement for machine mail: ${loop}`, ticketId: null };
  const sender = await senderAccount(trx, facts.from);
  if (sender?.deactivatedAt) return { status: 'refused', reason: `${facts.from} belongs to a deactivated account`, ticketId: null };

  const threaded = threadedTicket(facts, deskMailDomain(desk));
  if (threaded !== null && (await findTicket(trx, threaded))) {
    if (!sender) return { status: 'refused', reason: `${facts.from} has no account, so it may not reply to ticket ${threaded}`, ticketId: threaded };
    const body = trimReply(facts.body) || '(an empty reply)';
    const scoped = { ...desk, db: trx, onOutboxWritten: undefined, onTicketChanged: undefined };
    try {
      await commentOnTicket(scoped, sender, threaded, { body, internal: false });
    } catch (error) {
      if (error instanceof DeskError && [403, 404, 409].includes(error.status)) {
        const why = error.status === 409 ? error.message : `${facts.from} may not reply to ticket ${threaded}`;
        return { status: 'refused', reason: why, ticketId: threaded };
      }
      throw error;
    }
    await attachFiles(desk, trx, threaded, sender.id, parsed, at);
    return { status: 'replied', reason: null, ticketId: threaded, notified: true };
  }

  let requester = sender;
  if (!requester) {
    if (channel.unknownSenders === 'refuse') return { status: 'refused', reason: `${facts.from} has no account, and this channel takes mail only from people the desk knows`, ticketId: null };
    requester = await createRequester(trx, facts, at);
  }
  const since = new Date(new Date(at).getTime() - 3_600_000).toISOString();
  const recent = await repo.countCreatedSince(trx, channel.id, facts.from, since);
  if (recent >= channel.maxNewPerHour) return { status: 'held', reason: `${facts.from} already opened ${recent} tickets by mail in the last hour (at most ${channel.maxNewPerHour}); held for review`, ticketId: null };

  const snapshot = await deskSnapshot(desk, trx);
  const version = snapshot.published.get(channel.workflow);
  if (!version) throw new DeskError(422, 'validation', `The workflow "${channel.workflow}" is not published`);
  const body = facts.body.trim() || '(the mail had no text)';
  const fields = mapFields(channel.mapping, { ...facts, subject: facts.subject.trim() || '(no subject)', body });
  const opened = await openTicket(desk, trx, snapshot, { requester, workflowId: channel.workflow, version, fields, idempotencyKey: null });
  await attachFiles(desk, trx, opened.ticket.id, requester.id, parsed, at);
  return { status: 'created', reason: null, ticketId: opened.ticket.id, notified: opened.notified };
}

async function createRequester(trx: DeskDb, facts: MailFacts, at: string): Promise<User> {
  const id = randomUUID();
  await insertUser(trx, { id, email: facts.from, name: facts.fromName.slice(0, 200) || facts.from, roles: ['requester'], locale: 'en', timeZone: 'UTC', passwordHash: null, createdAt: at });
  return (await findUserById(trx, id))!;
}

/** The mail's files within the workflow's limits; the rest are named in an internal note. */
async function attachFiles(desk: DeskContext, trx: DeskDb, ticketId: number, uploaderId: string, parsed: ParsedMail, at: string): Promise<void> {
  const files = parsed.attachments.filter((a) => !a.related);
  if (!files.length) return;
  const ticket = (await findTicket(trx, ticketId))!;
  const snapshot = await deskSnapshot(desk, trx);
  const version = snapshot.published.get(ticket.workflowId);
  if (!version) return;
  const dir = attachmentDir(desk.config.dbFile);
  const added = [];
  const left: string[] = [];
  for (const f of files) {
    const name = f.filename || 'attachment';
    try {
      const stored = await storeAttachment(dir, f.content, name, version.definition.attachments);
      const a = await insertAttachment(trx, { ...stored, ticketId, internal: false, uploadedBy: uploaderId, createdAt: at });
      added.push({ id: a.id, filename: a.filename, size: a.size, contentType: a.contentType });
    } catch (error) {
      if (!(error instanceof DeskError)) throw error;
      left.push(error.message);
    }
  }
  const events = [];
  if (added.length) events.push({ type: 'attachment.added', data: { attachments: added } });
  if (left.length) events.push({ type: 'note.internal', data: { body: `Files in the mail that were not added: ${left.join('; ')}` } });
  await insertEvents(trx, ticketId, uploaderId, at, events);
}
