/** Mail channels and the messages taken from them: free functions, `db` first, one query each. */
import type { Selectable } from 'kysely';
import type { DeskDb } from '../db/database.ts';
import type { MailChannelsTable, MailMessagesTable } from '../db/schema.ts';
import type { MailChannel, MailMessage, MailStatus } from './mail-in.schema.ts';

export interface StoredChannel extends MailChannel {
  passwordEncrypted: string | null;
}

const toChannel = (r: Selectable<MailChannelsTable>): StoredChannel => ({
  id: r.id,
  name: r.name,
  host: r.host,
  port: r.port,
  security: r.security as MailChannel['security'],
  username: r.username,
  hasPassword: r.password_encrypted !== null,
  folder: r.folder,
  afterRead: r.after_read as MailChannel['afterRead'],
  moveTo: r.move_to,
  address: r.address,
  workflow: r.workflow_id,
  mapping: JSON.parse(r.mapping) as Record<string, unknown>,
  unknownSenders: r.unknown_senders as MailChannel['unknownSenders'],
  maxNewPerHour: r.max_new_per_hour,
  pollSeconds: r.poll_seconds,
  enabled: r.enabled === 1,
  lastPolledAt: r.last_polled_at,
  lastError: r.last_error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  rowVersion: r.row_version,
  passwordEncrypted: r.password_encrypted,
});

const toMessage = (r: Selectable<MailMessagesTable>): MailMessage => ({
  id: r.id,
  channelId: r.channel_id,
  mailbox: r.mailbox,
  uid: r.uid,
  messageId: r.message_id,
  from: r.from_address,
  subject: r.subject,
  receivedAt: r.received_at,
  status: r.status as MailStatus,
  reason: r.reason,
  ticketId: r.ticket_id,
});

/** What a channel is saved with (the password already sealed). */
export interface ChannelValues {
  name: string;
  host: string;
  port: number;
  security: string;
  username: string;
  folder: string;
  afterRead: string;
  moveTo: string | null;
  address: string;
  workflow: string;
  mapping: Record<string, unknown>;
  unknownSenders: string;
  maxNewPerHour: number;
  pollSeconds: number;
  enabled: boolean;
}

const columns = (v: ChannelValues) => ({
  name: v.name,
  host: v.host,
  port: v.port,
  security: v.security,
  username: v.username,
  folder: v.folder,
  after_read: v.afterRead,
  move_to: v.moveTo,
  address: v.address.toLowerCase(),
  workflow_id: v.workflow,
  mapping: JSON.stringify(v.mapping),
  unknown_senders: v.unknownSenders,
  max_new_per_hour: v.maxNewPerHour,
  poll_seconds: v.pollSeconds,
  enabled: v.enabled ? 1 : 0,
});

export async function listChannels(db: DeskDb): Promise<StoredChannel[]> {
  return (await db.selectFrom('mail_channels').selectAll().orderBy('name').execute()).map(toChannel);
}

export async function findChannel(db: DeskDb, id: string): Promise<StoredChannel | undefined> {
  const row = await db.selectFrom('mail_channels').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toChannel(row);
}

export async function insertChannel(db: DeskDb, id: string, v: ChannelValues, passwordEncrypted: string | null, at: string): Promise<void> {
  await db.insertInto('mail_channels').values({ id, ...columns(v), password_encrypted: passwordEncrypted, created_at: at, updated_at: at }).execute();
}

/** False when the channel is not at `rowVersion` any more. */
export async function updateChannel(db: DeskDb, id: string, rowVersion: number, v: ChannelValues, passwordEncrypted: string | null | undefined, at: string): Promise<boolean> {
  const r = await db
    .updateTable('mail_channels')
    .set((eb) => ({ ...columns(v), ...(passwordEncrypted !== undefined ? { password_encrypted: passwordEncrypted } : {}), updated_at: at, row_version: eb('row_version', '+', 1) }))
    .where('id', '=', id)
    .where('row_version', '=', rowVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteChannel(db: DeskDb, id: string): Promise<void> {
  await db.deleteFrom('mail_messages').where('channel_id', '=', id).execute();
  await db.deleteFrom('mail_channels').where('id', '=', id).execute();
}

/** Records a poll: when, and what went wrong (null: nothing). */
export async function setPollState(db: DeskDb, id: string, at: string, error: string | null): Promise<void> {
  await db.updateTable('mail_channels').set({ last_polled_at: at, last_error: error }).where('id', '=', id).execute();
}

export interface MailboxPlace {
  channelId: string;
  mailbox: string;
  uidValidity: string;
  uid: number;
}

export async function isRecorded(db: DeskDb, p: MailboxPlace): Promise<boolean> {
  const row = await db
    .selectFrom('mail_messages')
    .select('id')
    .where('channel_id', '=', p.channelId)
    .where('mailbox', '=', p.mailbox)
    .where('uid_validity', '=', p.uidValidity)
    .where('uid', '=', p.uid)
    .executeTakeFirst();
  return row !== undefined;
}

/** A message with this Message-ID was already handled (say, the same mail sent to two of the desk's addresses). */
export async function messageIdSeen(db: DeskDb, channelId: string, messageId: string): Promise<boolean> {
  const row = await db.selectFrom('mail_messages').select('id').where('channel_id', '=', channelId).where('message_id', '=', messageId).where('status', '!=', 'failed').executeTakeFirst();
  return row !== undefined;
}

/** New tickets from this sender since `since`. */
export async function countCreatedSince(db: DeskDb, channelId: string, from: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('mail_messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('channel_id', '=', channelId)
    .where('from_address', '=', from)
    .where('status', '=', 'created')
    .where('received_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertMessage(
  db: DeskDb,
  m: MailboxPlace & { messageId: string | null; from: string | null; subject: string | null; receivedAt: string; status: MailStatus; reason: string | null; ticketId: number | null },
): Promise<void> {
  await db
    .insertInto('mail_messages')
    .values({
      channel_id: m.channelId,
      mailbox: m.mailbox,
      uid_validity: m.uidValidity,
      uid: m.uid,
      message_id: m.messageId,
      from_address: m.from,
      subject: m.subject,
      received_at: m.receivedAt,
      status: m.status,
      reason: m.reason,
      ticket_id: m.ticketId,
    })
    .execute();
}

/** Newest first, before `beforeId`. */
export async function listMessages(db: DeskDb, q: { channelId: string; status?: MailStatus | undefined; beforeId?: number | undefined; limit: number }): Promise<MailMessage[]> {
  let query = db.selectFrom('mail_messages').selectAll().where('channel_id', '=', q.channelId);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.beforeId !== undefined) query = query.where('id', '<', q.beforeId);
  return (await query.orderBy('id', 'desc').limit(q.limit).execute()).map(toMessage);
}
