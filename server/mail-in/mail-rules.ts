/**
 * What a received mail means, decided without I/O: is it machine mail the
 * desk must not answer (loops), which ticket it answers, the reply text
 * without quoted history or signature, and the form fields a new ticket gets.
 */
import { evaluateRule } from '../engine/rules.ts';

/** The parts of a parsed mail the rules look at. */
export interface MailFacts {
  from: string;
  fromName: string;
  to: string[];
  subject: string;
  body: string;
  /** Header names lower-case, values as text. */
  headers: Map<string, string>;
  contentType: string;
  inReplyTo: string[];
  references: string[];
}

/** Why a mail must produce no ticket and no acknowledgement, or null when a person wrote it. */
export function loopReason(mail: MailFacts, ownAddresses: readonly string[]): string | null {
  const auto = mail.headers.get('auto-submitted')?.trim().toLowerCase();
  if (auto && auto !== 'no') return `Auto-Submitted: ${auto}`;
  const precedence = mail.headers.get('precedence')?.trim().toLowerCase();
  if (precedence && ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return `Precedence: ${precedence}`;
  if (mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond')) return 'an automatic reply (X-Autoreply)';
  if (/multipart\/report/i.test(mail.contentType) && /delivery-status/i.test(mail.contentType)) return 'a delivery status notification (bounce)';
  const from = mail.from.toLowerCase();
  if (!from || /^(mailer-daemon|postmaster)@/.test(from)) return 'a bounce (from the mail system)';
  if (ownAddresses.some((a) => a.toLowerCase() === from)) return "sent from the desk's own address";
  return null;
}

const ticketNumber = /\[(?:INC|REQ|CHG|PRB)-(\d{1,12})\]/i;

/**
 * The ticket a mail answers: a Message-ID the desk sent (`<deskwright.<ticket>.<row>@domain>`
 * or the ticket's root `<deskwright.ticket.<ticket>@domain>`) in In-Reply-To or References,
 * else `[INC-1001]` in the subject.
 */
export function threadedTicket(mail: Pick<MailFacts, 'inReplyTo' | 'references' | 'subject'>, domain: string): number | null {
  const d = domain.toLowerCase();
  for (const id of [...mail.inReplyTo, ...mail.references]) {
    const m = /^<?deskwright\.(?:ticket\.)?(\d{1,12})(?:\.\d+)?@([^>]+)>?$/i.exec(id.trim());
    if (m && m[2]!.toLowerCase() === d) return Number(m[1]);
  }
  const s = ticketNumber.exec(mail.subject);
  return s ? Number(s[1]) : null;
}

const quoteHeaders = [
  /^On .{1,300}wrote:\s*$/, // Gmail, Apple Mail, Thunderbird
  /^-{2,}\s*Original Message\s*-{2,}/i, // Outlook
  /^_{10,}\s*$/, // Outlook's rule above the quoted header
  /^From:\s.+$/, // Outlook's quoted header block, when it starts the history
  /^Am .{1,200} schrieb .{1,200}:\s*$/,
  /^Le .{1,200} a écrit\s*:\s*$/,
  /^Ar .{1,200} ysgrifennodd .{1,200}:\s*$/,
];

/**
 * A reply without what it quotes or the sender's signature: everything from
 * the first quote header ("On … wrote:", "-----Original Message-----", an
 * Outlook "From:" block), quoted `>` lines, and a `-- ` signature are cut.
 * If nothing would be left, the text is kept as it came.
 */
export function trimReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '-- ' || line === '--') break;
    if (quoteHeaders.some((q) => q.test(line.trim()))) {
      // "From:" alone is a header block only with "Sent:"/"Date:" close below.
      if (/^From:/.test(line.trim()) && !lines.slice(i + 1, i + 4).some((l) => /^(Sent|Date|To|Subject):/i.test(l.trim()))) {
        kept.push(line);
        continue;
      }
      break;
    }
    // Gmail wraps a long "On … wrote:" over two lines.
    if (/^On .{1,300}$/.test(line.trim()) && /wrote:\s*$/.test(lines[i + 1]?.trim() ?? '')) break;
    if (/^>/.test(line)) continue;
    kept.push(line);
  }
  const result = kept.join('\n').trim();
  return result || text.trim();
}

/** The form's fields from a mail, by the channel's mapping: each value a json-logic rule (or a plain value) over the mail. */
export function mapFields(mapping: Record<string, unknown>, mail: Pick<MailFacts, 'from' | 'fromName' | 'to' | 'subject' | 'body'>): Record<string, unknown> {
  const data = { from: mail.from, fromName: mail.fromName, to: mail.to, subject: mail.subject, body: mail.body };
  return Object.fromEntries(Object.entries(mapping).map(([key, rule]) => [key, evaluateRule(rule, data)]));
}

/** Limits beyond which a mail is recorded as failed instead of handled. */
export const mailLimits = { subjectChars: 2000, recipients: 1000, bodyChars: 100_000, rawBytes: 40 * 1024 * 1024 };

/** Why a parsed mail is refused as malformed or abusive, or null. */
export function badMailReason(mail: Pick<MailFacts, 'subject' | 'to' | 'body'>): string | null {
  if (mail.subject.length > mailLimits.subjectChars) return `the subject is ${mail.subject.length} characters long (at most ${mailLimits.subjectChars})`;
  if (mail.to.length > mailLimits.recipients) return `the mail has ${mail.to.length} recipients (at most ${mailLimits.recipients})`;
  return null;
}
