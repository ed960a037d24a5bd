/** Delivers a rendered message by SMTP through nodemailer. */
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
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
      });
    },
    close: () => transport.close(),
  };
}
