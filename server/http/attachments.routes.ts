/** Attachments: uploads for forms, files on tickets, and downloads that a browser never runs. */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { invalid } from '../errors.ts';
import { attachmentInfo as attachment, ticket } from '../engine/tickets/ticket.schema.ts';
import { attachToTicket, openAttachment, uploadForForm, type IncomingFile } from '../services/attachment.service.ts';
import { isPreviewableImage } from '../storage/sniff-type.ts';
import { allow, currentUser } from './access.ts';
import { router } from './desk-env.ts';
import { jsonResponse, problems } from './openapi-helpers.ts';

const binary = z.custom<File>((v) => v instanceof File).openapi({ type: 'string', format: 'binary' });
const files = z.union([binary, z.array(binary)]).describe('One or more files (repeat the field)');
const multipart = (shape: Record<string, z.ZodType>) => ({
  content: { 'multipart/form-data': { schema: z.object(shape) } },
  required: true,
});

/** Reads the uploaded files; an empty file list is a 422 on `file`. */
async function incoming(value: File | File[] | undefined): Promise<IncomingFile[]> {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  if (!list.length) throw invalid('Choose a file to attach', [{ path: 'file', message: 'is required' }]);
  if (list.length > 10) throw invalid('Too many files at once', [{ path: 'file', message: 'attach at most 10 files at a time' }]);
  return Promise.all(list.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}

/** RFC 6266 filename, with an ASCII fallback for old clients. */
function disposition(kind: 'attachment' | 'inline', filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

function send(c: Context, a: { filename: string; contentType: string }, bytes: Uint8Array, preview: boolean) {
  const inline = preview && isPreviewableImage(a.contentType);
  c.header('Content-Type', inline ? a.contentType : a.contentType.startsWith('text/') ? `${a.contentType}; charset=utf-8` : a.contentType);
  c.header('Content-Disposition', disposition(inline ? 'inline' : 'attachment', a.filename));
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Cache-Control', 'private, max-age=300');
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200);
}

export const attachmentRoutes = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/workflows/{id}/attachments',
      tags: ['Portal'],
      summary: "Upload files for a form's file field before submitting it; put the returned ids in the field",
      middleware: [allow('signed-in')] as const,
      request: { params: z.object({ id: z.string() }), body: multipart({ file: files }) },
      responses: { 201: jsonResponse(z.object({ items: z.array(attachment) }), 'Stored, waiting for the form'), ...problems(401, 404, 422) },
    }),
    async (c) => {
      const body = c.req.valid('form') as { file?: File | File[] };
      const items = await uploadForForm(c.get('desk'), currentUser(c), c.req.valid('param').id, await incoming(body.file));
      return c.json({ items }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/tickets/{id}/attachments',
      tags: ['Ticket work'],
      summary: 'Attach files to a ticket; staff may mark them internal (never shown to the requester)',
      middleware: [allow('signed-in')] as const,
      request: {
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: multipart({ file: files, internal: z.enum(['true', 'false']).optional() }),
      },
      responses: { 201: jsonResponse(z.object({ ticket, items: z.array(attachment) }), 'Attached'), ...problems(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const body = c.req.valid('form') as { file?: File | File[]; internal?: 'true' | 'false' };
      const result = await attachToTicket(c.get('desk'), currentUser(c), c.req.valid('param').id, await incoming(body.file), body.internal === 'true');
      return c.json({ ticket: result.ticket, items: result.attachments }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/attachments/{id}',
      tags: ['Tickets'],
      summary: 'Download an attachment (as a download; images inline with `preview=1`)',
      middleware: [allow('signed-in')] as const,
      request: { params: z.object({ id: z.coerce.number().int().positive() }), query: z.object({ preview: z.enum(['1', 'true']).optional() }) },
      responses: { 200: { description: 'The file', content: { 'application/octet-stream': { schema: binary } } }, ...problems(401, 404) },
    }),
    async (c) => {
      const { attachment: a, bytes } = await openAttachment(c.get('desk'), currentUser(c), c.req.valid('param').id);
      return send(c, a, bytes, c.req.valid('query').preview !== undefined);
    },
  );
