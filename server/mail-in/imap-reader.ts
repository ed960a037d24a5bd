/**
 * Reading a channel's mailbox over IMAP with imapflow: what "test
 * connection" checks step by step, and one pass over the new mail.
 */
import { lookup } from 'node:dns/promises';
import { connect as tcpConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { ImapFlow } from 'imapflow';
import type { DeskContext } from '../services/desk-context.ts';
import { mailLimits } from './mail-rules.ts';
import type { StoredChannel } from './mail-in.repository.ts';
import type { ConnectionReport } from './mail-in.schema.ts';
import { receiveMail, type MailOutcome } from './mail-in.service.ts';

const timeoutMs = 10_000;

export function imapClient(channel: Pick<StoredChannel, 'host' | 'port' | 'security' | 'username'>, password: string): ImapFlow {
  return new ImapFlow({
    host: channel.host,
    port: channel.port,
    secure: channel.security === 'tls',
    doSTARTTLS: channel.security === 'starttls' ? true : channel.security === 'none' ? false : undefined,
    auth: { user: channel.username, pass: password },
    logger: false,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: 5 * 60_000,
  } as ConstructorParameters<typeof ImapFlow>[0]);
}

const reach = (host: string, port: number, tls: boolean) =>
  new Promise<void>((resolve, reject) => {
    const socket = tls ? tlsConnect({ host, port, servername: host, timeout: timeoutMs }) : tcpConnect({ host, port, timeout: timeoutMs });
    socket.once(tls ? 'secureConnect' : 'connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs / 1000} s`));
    });
    socket.once('error', reject);
  });

/**
 * Tries the channel's settings one step at a time and says the first that
 * fails: the name lookup, the TCP connection, TLS, signing in, the folder.
 */
export async function testConnection(channel: Pick<StoredChannel, 'host' | 'port' | 'security' | 'username' | 'folder'>, password: string): Promise<ConnectionReport> {
  const fail = (failedAt: ConnectionReport['failedAt'], message: string): ConnectionReport => ({ ok: false, failedAt, message, idle: null });
  try {
    await lookup(channel.host);
  } catch (error) {
    return fail('dns', `The name "${channel.host}" could not be found (${(error as NodeJS.ErrnoException).code ?? 'lookup failed'})`);
  }
  try {
    await reach(channel.host, channel.port, false);
  } catch (error) {
    return fail('connect', `Nothing answered at ${channel.host}:${channel.port} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (channel.security === 'tls') {
    try {
      await reach(channel.host, channel.port, true);
    } catch (error) {
      return fail('tls', `TLS with ${channel.host}:${channel.port} failed: ${(error as Error).message}`);
    }
  }
  const client = imapClient(channel, password);
  client.on('error', () => undefined);
  try {
    try {
      await client.connect();
    } catch (error) {
      const e = error as Error & { authenticationFailed?: boolean; responseText?: string; code?: string };
      if (e.authenticationFailed) return fail('login', `The server refused the user name or password${e.responseText ? `: ${e.responseText}` : ''}`);
      if (/tls|ssl|certificate/i.test(`${e.code ?? ''} ${e.message}`)) return fail('tls', `TLS failed: ${e.message}`);
      return fail('connect', `The IMAP conversation failed: ${e.responseText ?? e.message}`);
    }
    try {
      await client.mailboxOpen(channel.folder, { readOnly: true });
    } catch (error) {
      return fail('folder', `The folder "${channel.folder}" could not be opened: ${(error as { responseText?: string }).responseText ?? (error as Error).message}`);
    }
    const idle = client.capabilities.has('IDLE');
    return { ok: true, failedAt: null, message: `Signed in and opened "${channel.folder}"${idle ? '; the server offers IDLE, so new mail is read at once' : ''}`, idle };
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** Test hooks: called after a message is fetched and before it is handled. */
export interface PassHooks {
  afterFetch?: (uid: number) => void | Promise<void>;
}

/**
 * One pass over the folder, in UID order: every message not yet marked read
 * (or, when read mail is moved, every message) is handled, then flagged
 * \Seen or moved. A message already handled before a crash is only marked.
 */
export async function readNewMail(desk: DeskContext, client: ImapFlow, channel: StoredChannel, hooks: PassHooks = {}): Promise<MailOutcome[]> {
  const lock = await client.getMailboxLock(channel.folder);
  const outcomes: MailOutcome[] = [];
  try {
    const box = client.mailbox;
    const uidValidity = box && typeof box === 'object' ? String(box.uidValidity) : '0';
    const uids = (await client.search(channel.afterRead === 'seen' ? { seen: false } : { all: true }, { uid: true })) || [];
    for (const uid of [...uids].sort((a, b) => a - b)) {
      const place = { channelId: channel.id, mailbox: channel.folder, uidValidity, uid };
      const head = await client.fetchOne(String(uid), { size: true }, { uid: true });
      const size = head ? (head.size ?? 0) : 0;
      let raw: Buffer | null = null;
      if (size <= mailLimits.rawBytes) {
        const full = await client.fetchOne(String(uid), { source: true }, { uid: true });
        raw = full && full.source ? full.source : Buffer.alloc(0);
      }
      await hooks.afterFetch?.(uid);
      outcomes.push(await receiveMail(desk, channel, place, raw, size));
      if (channel.afterRead === 'move' && channel.moveTo) await client.messageMove(String(uid), channel.moveTo, { uid: true });
      else await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
    }
  } finally {
    lock.release();
  }
  return outcomes;
}
