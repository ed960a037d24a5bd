/** Attachment records; the bytes live in the attachment folder, named by their hash. */
import type { DeskDb } from './database.ts';

export interface AttachmentRecord {
  id: number;
  ticketId: number | null;
  internal: boolean;
  sha256: string;
  filename: string;
  contentType: string;
  size: number;
  uploadedBy: string | null;
  createdAt: string;
}

type Row = { id: number; ticket_id: number | null; internal: number; sha256: string; filename: string; content_type: string; size: number; uploaded_by: string | null; created_at: string };
const toRecord = (r: Row): AttachmentRecord => ({
  id: r.id,
  ticketId: r.ticket_id,
  internal: r.internal === 1,
  sha256: r.sha256,
  filename: r.filename,
  contentType: r.content_type,
  size: r.size,
  uploadedBy: r.uploaded_by,
  createdAt: r.created_at,
});

export async function insertAttachment(db: DeskDb, a: Omit<AttachmentRecord, 'id'>): Promise<AttachmentRecord> {
  const row = await db
    .insertInto('attachments')
    .values({
      ticket_id: a.ticketId,
      internal: a.internal ? 1 : 0,
      sha256: a.sha256,
      filename: a.filename,
      content_type: a.contentType,
      size: a.size,
      uploaded_by: a.uploadedBy,
      created_at: a.createdAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRecord(row);
}

export async function findAttachment(db: DeskDb, id: number): Promise<AttachmentRecord | undefined> {
  const row = await db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toRecord(row);
}

export async function listTicketAttachments(db: DeskDb, ticketId: number): Promise<AttachmentRecord[]> {
  const rows = await db.selectFrom('attachments').selectAll().where('ticket_id', '=', ticketId).orderBy('id').execute();
  return rows.map(toRecord);
}

/**
 * Binds a requester's own waiting uploads to their new ticket; `foreign` are
 * the ids that were not theirs to bind (someone else's, already used, unknown).
 */
export async function claimUploads(db: DeskDb, ids: readonly number[], uploaderId: string, ticketId: number): Promise<{ claimed: AttachmentRecord[]; foreign: number[] }> {
  if (!ids.length) return { claimed: [], foreign: [] };
  const rows = await db
    .updateTable('attachments')
    .set({ ticket_id: ticketId })
    .where('id', 'in', ids)
    .where('uploaded_by', '=', uploaderId)
    .where('ticket_id', 'is', null)
    .returningAll()
    .execute();
  const claimed = rows.map(toRecord);
  const ok = new Set(claimed.map((r) => r.id));
  return { claimed, foreign: ids.filter((id) => !ok.has(id)) };
}
