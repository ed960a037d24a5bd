/** Mail channels and the messages taken from them: one zod schema each, types derived. */
import { z } from '@hono/zod-openapi';

export const mailStatuses = ['created', 'replied', 'ignored', 'held', 'refused', 'failed'] as const;
export type MailStatus = (typeof mailStatuses)[number];

const rule = z.unknown().describe('A json-logic rule over `from`, `fromName`, `to`, `subject` and `body`, or a plain value');

/** Which form field gets what: by default the subject becomes the summary and the (trimmed) body the details. */
export const mailMapping = z.record(z.string().min(1).max(100), rule).default({ summary: { var: 'subject' }, details: { var: 'body' } });

const channelFields = {
  name: z.string().trim().min(1).max(200),
  host: z.string().trim().min(1).max(253),
  port: z.number().int().min(1).max(65535).default(993),
  security: z.enum(['tls', 'starttls', 'none']).default('tls').describe('`tls`: TLS from the start (port 993); `starttls`: upgraded; `none`: plain text (only on a trusted network)'),
  username: z.string().min(1).max(320),
  folder: z.string().min(1).max(200).default('INBOX'),
  afterRead: z.enum(['seen', 'move']).default('seen').describe('Flag read mail \\Seen, or move it to `moveTo`'),
  moveTo: z.string().min(1).max(200).nullable().default(null),
  address: z.email().max(320).describe("The mailbox's own address: mail from it is never a ticket"),
  workflow: z.string().min(1).max(100).describe('The published workflow new mail becomes'),
  mapping: mailMapping,
  unknownSenders: z.enum(['create', 'refuse']).default('create').describe('`create`: an account without a password for a sender the desk does not know; `refuse`: recorded, no ticket'),
  maxNewPerHour: z.number().int().min(1).max(10_000).default(10).describe('New tickets per sender per hour; more are held for review'),
  pollSeconds: z.number().int().min(5).max(86_400).default(60).describe('How often to look when the server does not offer IMAP IDLE (and to reconnect)'),
  enabled: z.boolean().default(true),
};

export const mailChannelInput = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'use lower-case letters, digits and dashes'),
    ...channelFields,
    password: z.string().min(1).max(1000).optional().describe('Stored encrypted with DESK_SECRET_KEY; never returned'),
  })
  .strict()
  .openapi('MailChannelInput');
export type MailChannelInput = z.output<typeof mailChannelInput>;

export const mailChannelChange = z
  .object({
    ...channelFields,
    password: z.string().min(1).max(1000).optional().describe('A new password; left out, the stored one stays'),
    rowVersion: z.number().int().positive(),
  })
  .strict()
  .openapi('MailChannelChange');
export type MailChannelChange = z.output<typeof mailChannelChange>;

export const mailChannel = z
  .object({
    id: z.string(),
    name: z.string(),
    host: z.string(),
    port: z.number().int(),
    security: z.enum(['tls', 'starttls', 'none']),
    username: z.string(),
    hasPassword: z.boolean(),
    folder: z.string(),
    afterRead: z.enum(['seen', 'move']),
    moveTo: z.string().nullable(),
    address: z.string(),
    workflow: z.string(),
    mapping: z.record(z.string(), z.unknown()),
    unknownSenders: z.enum(['create', 'refuse']),
    maxNewPerHour: z.number().int(),
    pollSeconds: z.number().int(),
    enabled: z.boolean(),
    lastPolledAt: z.string().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    rowVersion: z.number().int(),
  })
  .openapi('MailChannel');
export type MailChannel = z.output<typeof mailChannel>;

export const mailMessage = z
  .object({
    id: z.number().int(),
    channelId: z.string(),
    mailbox: z.string(),
    uid: z.number().int(),
    messageId: z.string().nullable(),
    from: z.string().nullable(),
    subject: z.string().nullable(),
    receivedAt: z.string(),
    status: z.enum(mailStatuses),
    reason: z.string().nullable(),
    ticketId: z.number().int().nullable(),
  })
  .openapi('MailMessage');
export type MailMessage = z.output<typeof mailMessage>;

export const connectionSteps = ['dns', 'connect', 'tls', 'login', 'folder'] as const;
export const connectionReport = z
  .object({
    ok: z.boolean(),
    failedAt: z.enum(connectionSteps).nullable().describe('The step that failed: name lookup, TCP connection, TLS, sign-in, or opening the folder'),
    message: z.string(),
    idle: z.boolean().nullable().describe('Whether the server offers IMAP IDLE (new mail at once)'),
  })
  .openapi('MailConnectionReport');
export type ConnectionReport = z.output<typeof connectionReport>;
