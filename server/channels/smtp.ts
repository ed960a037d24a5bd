/** Delivers a rendered message by SMTP through nodemailer. */
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Threading: this mail's id and the ids it answers, so a ticket's mails group in the requester's client. */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
}

/**
 * Message ids for a ticket's mails: each mail its own id, all referring to
 * one root per ticket, so clients thread them without the desk remembering
 * what each recipient received.
 */
export function threadIds(ticketId: number | null, messageId: number, domain: string): Pick<OutgoingMail, 'messageId' | 'inReplyTo' | 'references'> {
  const own = `<deskwright.${ticketId ?? 'desk'}.${messageId}@${domain}>`;
  if (ticketId === null) return { messageId: own };
  const root = `<deskwright.ticket.${ticketId}@${domain}>`;
  return { messageId: own, inReplyTo: root, references: [root] };
}

export interface MailChannel {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export function smtpChannel(smtpUrl: string, from: string): MailChannel {
  // A pool keeps connections open between messages: a burst of notifications
  // does not pay for a new SMTP handshake each.
  const url = new URL(smtpUrl);
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  const transport = nodemailer.createTransport(url.toString());
  return {
    async send(mail) {
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: `<div style="white-space:pre-wrap;font-family:system-ui,sans-serif">${mail.html}</div>`,
        ...(mail.messageId ? { messageId: mail.messageId } : {}),
        ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
        ...(mail.references ? { references: mail.references } : {}),
      });
    },
    close: () => transport.close(),
  };
}
