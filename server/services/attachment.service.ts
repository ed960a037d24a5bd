/**
 * Files on tickets: uploads for a form before it is submitted, files added
 * to a ticket (public, or internal for staff), and downloads for exactly the
 * people who may see them. The workflow's attachment policy decides size and
 * type, judged on the sniffed content, never the name or declared type.
 */
import { findAttachment, insertAttachment, listTicketAttachments, type AttachmentRecord } from '../db/attachments.repository.ts';
import { inTransaction } from '../db/transaction.ts';
import { findTicket } from '../db/tickets.repository.ts';
import { listQueues } from '../db/desk.repository.ts';
import { notFound } from '../errors.ts';
import type { User } from '../engine/people/people.schema.ts';
import type { AttachmentInfo } from '../engine/tickets/ticket.schema.ts';
import { canSeeTicket, followsTicket } from '../engine/people/visibility.ts';
import type { AttachmentPolicy } from '../engine/workflow/attachment-policy.ts';
import { refuse } from '../engine/tickets/ticket-case.ts';
import { attachmentDir, readAttachment, storeAttachment } from '../storage/attachment-store.ts';
import type { DeskContext } from './desk-context.ts';
import { deskSnapshot } from './desk-snapshot.ts';
import { act } from './ticket-work.service.ts';

export interface IncomingFile {
  name: string;
  bytes: Uint8Array;
}

export type { AttachmentInfo };
const info = (a: AttachmentRecord): AttachmentInfo => ({ id: a.id, filename: a.filename, contentType: a.contentType, size: a.size, internal: a.internal, createdAt: a.createdAt });

async function storeAll(desk: DeskContext, files: readonly IncomingFile[], policy: AttachmentPolicy) {
  const dir = attachmentDir(desk.config.dbFile);
  const stored = [];
  // Every file is checked before any record is written; a refused file stops the lot.
  for (const f of files) stored.push(await storeAttachment(dir, f.bytes, f.name, policy));
  return stored;
}

/** Uploads for a form the person is about to submit; the form's file field then carries their ids. */
export async function uploadForForm(desk: DeskContext, user: User, workflowId: string, files: readonly IncomingFile[]): Promise<AttachmentInfo[]> {
  const version = (await deskSnapshot(desk)).published.get(workflowId);
  if (!version || !version.definition.audience.some((r) => user.roles.includes(r))) throw notFound(`The form "${workflowId}"`);
  const stored = await storeAll(desk, files, version.definition.attachments);
  const at = desk.now().toISOString();
  return inTransaction(desk.db, async (trx) => {
    const records = [];
    for (const s of stored) records.push(await insertAttachment(trx, { ...s, ticketId: null, internal: false, uploadedBy: user.id, createdAt: at }));
    return records.map(info);
  });
}

/** Adds files to a ticket: its requester publicly, staff of its queue publicly or internally. */
export async function attachToTicket(desk: DeskContext, user: User, ticketId: number, files: readonly IncomingFile[], internal: boolean) {
  const added: AttachmentInfo[] = [];
  const updated = await act(desk, user, ticketId, 'either', {}, async (c, { trx, as }) => {
    if (as === 'requester' && internal) return refuse(403, 'Requesters cannot add internal attachments');
    if (c.ticket.statusClass === 'closed' && !internal) return refuse(409, 'The ticket is closed; attach the file to a new request instead');
    const stored = await storeAll(desk, files, c.workflow.definition.attachments);
    const at = c.now.toISOString();
    for (const s of stored) added.push(info(await insertAttachment(trx, { ...s, ticketId, internal, uploadedBy: user.id, createdAt: at })));
    const data = { attachments: added.map(({ id, filename, size, contentType }) => ({ id, filename, size, contentType })) };
    return { ok: true, patch: {}, events: [{ type: internal ? 'attachment.internal' : 'attachment.added', data }], notifications: [] };
  });
  return { ticket: updated, attachments: added };
}

/** The files on a ticket this person may see: requesters never see internal ones. */
export async function ticketAttachments(desk: DeskContext, ticketId: number, staff: boolean): Promise<AttachmentInfo[]> {
  return (await listTicketAttachments(desk.db, ticketId)).filter((a) => staff || !a.internal).map(info);
}

/** A file and its bytes, for someone who may see it; anyone else is told it does not exist. */
export async function openAttachment(desk: DeskContext, user: User, id: number): Promise<{ attachment: AttachmentInfo; bytes: Uint8Array }> {
  const record = await findAttachment(desk.db, id);
  const missing = notFound(`The attachment ${id}`);
  if (!record) throw missing;
  if (record.ticketId === null) {
    if (record.uploadedBy !== user.id) throw missing;
  } else {
    const ticket = await findTicket(desk.db, record.ticketId);
    const queues = new Map((await listQueues(desk.db)).map((q) => [q.id, q.group]));
    const group = (q: string) => queues.get(q);
    if (!ticket || !canSeeTicket(user, ticket, group)) throw missing;
    if (record.internal && !followsTicket(user, ticket, group)) throw missing;
  }
  const bytes = await readAttachment(attachmentDir(desk.config.dbFile), record.sha256);
  if (!bytes) throw notFound(`The file of attachment ${id} (it is missing from the attachment folder)`);
  return { attachment: info(record), bytes };
}
