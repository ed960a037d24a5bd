/**
 * Starts a whole desk: the database (migrated), the shipped defaults, the
 * first accounts, the outbox dispatcher and the HTTP server. Used by the
 * CLI and by tests, which start real desks on random ports.
 */
import { serve, type ServerType } from '@hono/node-server';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { shippedDefaults } from './assets.ts';
import { smtpChannel } from './channels/smtp.ts';
import type { DeskConfig } from './config.ts';
import { openDatabase, type OpenedDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrations/index.ts';
import { webhookChannel } from './channels/webhook.ts';
import { startAutoClose, type AutoCloseJob } from './jobs/auto-close.ts';
import { startEscalationScheduler, type EscalationScheduler } from './jobs/escalation-scheduler.ts';
import { startOutboxDispatcher, type OutboxDispatcher } from './jobs/outbox-dispatcher.ts';
import { demoPassword, ensureDemoAccounts, ensureFirstAdmin, lockDemoPasswords } from './services/accounts-bootstrap.service.ts';
import type { DeskContext } from './services/desk-context.ts';
import { installDefaults, type DefaultsReport } from './services/defaults.service.ts';
import { fillDemoDesk } from './demo/demo-data.service.ts';

export interface StartOptions {
  config: DeskConfig;
  /** `demo` adds demo accounts; `serve` creates only the first admin of an empty desk. */
  mode: 'demo' | 'serve';
  /** In demo mode, fill an empty desk with demo tickets (`deskwright demo`; tests start empty). */
  demoTickets?: boolean;
  now?: () => Date;
}

export interface RunningDesk {
  url: string;
  context: DeskContext;
  database: OpenedDatabase;
  dispatcher: OutboxDispatcher | null;
  escalations: EscalationScheduler | null;
  defaults: DefaultsReport;
  /** What to tell the person who started it: where to sign in, and with what. */
  signIn: { email: string; password: string | null; roles: string[] }[];
  /** Demo accounts whose published password `serve` switched off. */
  lockedDemoAccounts: string[];
  /** How many demo tickets this start filled an empty demo desk with. */
  demoTicketsAdded: number;
  close(): Promise<void>;
}

export async function startDesk(options: StartOptions): Promise<RunningDesk> {
  const { config } = options;
  if (config.dbFile !== ':memory:') mkdirSync(dirname(config.dbFile), { recursive: true });
  const database = openDatabase(config.dbFile, { cacheStatements: config.cacheStatements });
  let server: ServerType | undefined;
  let dispatcher: OutboxDispatcher | null = null;
  let autoClose: AutoCloseJob | null = null;
  let escalations: EscalationScheduler | null = null;
  try {
    await migrateToLatest(database.db);
    const context: DeskContext = { db: database.db, config, now: options.now ?? (() => new Date()) };
    const defaults = await installDefaults(context, shippedDefaults());
    const signIn: RunningDesk['signIn'] = [];
    const lockedDemoAccounts: string[] = [];
    let demoTicketsAdded = 0;
    if (options.mode === 'demo') {
      for (const a of await ensureDemoAccounts(context)) signIn.push({ email: a.email, password: demoPassword, roles: a.roles });
      if (options.demoTickets) demoTicketsAdded = await fillDemoDesk(context);
    } else {
      lockedDemoAccounts.push(...(await lockDemoPasswords(context)));
      const admin = await ensureFirstAdmin(context);
      if (admin) signIn.push({ email: admin.email, password: admin.generatedPassword, roles: ['admin'] });
    }
    dispatcher = startOutboxDispatcher({
      db: database.db,
      channel: config.smtpUrl ? smtpChannel(config.smtpUrl, config.mailFrom) : null,
      webhooks: webhookChannel(config.webhooks, context.now),
      mailDomain: mailDomain(config),
      now: context.now,
    });
    // Without SMTP only webhooks can go out: mail alone does not wake the dispatcher.
    context.onOutboxWritten = (what) => (config.smtpUrl || what?.webhooks ? dispatcher?.wake() : undefined);
    dispatcher.wake();
    autoClose = startAutoClose(context);
    escalations = startEscalationScheduler(context);
    context.onTicketChanged = () => escalations?.wake();
    const app = createApp(context);
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
    });
    const address = server.address() as AddressInfo;
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    const url = `http://${host}:${address.port}`;
    if (config.port === 0) config.publicUrl = config.publicUrl.replace(/:0$/, `:${address.port}`);
    const running = server;
    return {
      url,
      context,
      database,
      dispatcher,
      escalations,
      defaults,
      signIn,
      lockedDemoAccounts,
      demoTicketsAdded,
      async close() {
        await new Promise<void>((resolve) => {
          running.close(() => resolve());
          (running as { closeAllConnections?: () => void }).closeAllConnections?.();
        });
        await autoClose?.stop();
        await escalations?.stop();
        await dispatcher?.stop();
        await database.close();
      },
    };
  } catch (error) {
    server?.close();
    await autoClose?.stop();
    await escalations?.stop();
    await dispatcher?.stop();
    await database.close();
    throw error;
  }
}

/** The domain of the desk's Message-IDs: the sender's, else the public URL's host. */
function mailDomain(config: DeskConfig): string {
  return /@([^>\s]+)>?\s*$/.exec(config.mailFrom)?.[1] ?? new URL(config.publicUrl).hostname;
}
