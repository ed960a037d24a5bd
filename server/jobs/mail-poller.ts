/**
 * Reads every enabled mail channel: one IMAP connection each, a pass over
 * new mail on connecting, then IDLE (imapflow idles by itself and reports
 * new mail at once) with a pass at least every poll interval; a lost
 * connection is retried after the interval. Channels are reloaded when an
 * admin changes one, and every minute.
 */
import type { ImapFlow } from 'imapflow';
import { imapClient, readNewMail, type PassHooks } from '../mail-in/imap-reader.ts';
import { listChannels, setPollState, type StoredChannel } from '../mail-in/mail-in.repository.ts';
import { channelPassword } from '../mail-in/mail-in.service.ts';
import type { DeskContext } from '../services/desk-context.ts';

export interface MailPoller {
  /** Reloads the channels now: new ones start, changed ones reconnect, removed ones stop. */
  refresh(): void;
  stop(): Promise<void>;
}

interface Worker {
  rowVersion: number;
  stop(): Promise<void>;
}

export function startMailPoller(desk: DeskContext, options: { onError?: (error: unknown) => void; hooks?: PassHooks } = {}): MailPoller {
  const onError = options.onError ?? ((e: unknown) => console.error('mail poller:', e));
  const workers = new Map<string, Worker>();
  let stopped = false;
  let refreshing: Promise<void> = Promise.resolve();

  const startWorker = (channel: StoredChannel): Worker => {
    let halted = false;
    let wake: (() => void) | null = null;
    let client: ImapFlow | null = null;
    const sleep = (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          wake = null;
          resolve();
        }
        wake = done;
      });
    const note = (error: string | null) => setPollState(desk.db, channel.id, desk.now().toISOString(), error).catch(onError);
    const loop = (async () => {
      while (!halted) {
        try {
          client = imapClient(channel, channelPassword(desk, channel));
          client.on('error', () => undefined);
          client.on('exists', () => wake?.());
          client.on('close', () => wake?.());
          await client.connect();
          await client.mailboxOpen(channel.folder);
          while (!halted && client.usable) {
            await readNewMail(desk, client, channel, options.hooks);
            await note(null);
            // IDLE now, so the server tells of new mail at once; the next command ends it.
            if (!halted && client.capabilities.has('IDLE')) void client.idle().catch(() => undefined);
            if (!halted) await sleep(channel.pollSeconds * 1000);
          }
        } catch (error) {
          if (halted) break;
          const e = error as Error & { responseText?: string };
          await note(e.responseText ?? e.message ?? String(error));
          await sleep(Math.min(channel.pollSeconds, 60) * 1000);
        } finally {
          const c = client;
          client = null;
          await c?.logout().catch(() => c.close());
        }
      }
    })();
    return {
      rowVersion: channel.rowVersion,
      async stop() {
        halted = true;
        wake?.();
        await client?.logout().catch(() => undefined);
        await loop;
      },
    };
  };

  const reload = async () => {
    if (stopped) return;
    const channels = (await listChannels(desk.db)).filter((c) => c.enabled && c.passwordEncrypted);
    const wanted = new Map(channels.map((c) => [c.id, c]));
    for (const [id, w] of workers) {
      if (wanted.get(id)?.rowVersion !== w.rowVersion) {
        workers.delete(id);
        await w.stop();
      }
    }
    for (const c of channels) if (!workers.has(c.id) && !stopped) workers.set(c.id, startWorker(c));
  };
  const refresh = () => {
    refreshing = refreshing.then(reload).catch(onError);
  };
  const timer = setInterval(refresh, 60_000);
  timer.unref();
  refresh();
  return {
    refresh,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await refreshing;
      await Promise.all([...workers.values()].map((w) => w.stop()));
      workers.clear();
    },
  };
}
