/**
 * Starts a whole desk: the database (migrated), the shipped defaults, the
 * first accounts, the outbox dispatcher and the HTTP server. Used by the
 * CLI and by tests, which start real desks on random ports.
 */
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import { shippedDefaults } from './assets.ts';
import { smtpChannel } from './channels/smtp.ts';
import type { DeskConfig } from './config.ts';
import { openDeskDatabase, type OpenedDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrations/index.ts';
import { webhookChannel } from './channels/webhook.ts';
import { startAnnouncementMailer, type AnnouncementMailer } from './jobs/announcement-mailer.ts';
import { startAutoClose, type AutoCloseJob } from './jobs/auto-close.ts';
import { startEscalationScheduler, type EscalationScheduler } from './jobs/escalation-scheduler.ts';
import { startOutboxDispatcher, type OutboxDispatcher } from './jobs/outbox-dispatcher.ts';
import { startMailPoller, type MailPoller } from './jobs/mail-poller.ts';
import { demoPassword, ensureDemoAccounts, ensureFirstAdmin, lockDemoPasswords } from './services/accounts-bootstrap.service.ts';
import type { DeskContext } from './services/desk-context.ts';
import { installDefaults, type DefaultsReport } from './services/defaults.service.ts';
import { fillDemoDesk } from './demo/demo-data.service.ts';
import { deskMetrics } from './observability/desk-metrics.ts';
import { createLogger, type Logger } from './observability/logger.ts';
import { exposition } from './observability/metrics.ts';

export interface StartOptions {
  config: DeskConfig;
  /** `demo` adds demo accounts; `serve` creates only the first admin of an empty desk. */
  mode: 'demo' | 'serve';
  /** In demo mode, fill an empty desk with demo tickets (`deskwright demo`; tests start empty). */
  demoTickets?: boolean;
  now?: () => Date;
  /** Where the desk logs; JSON lines on stdout at LOG_LEVEL by default. */
  log?: Logger;
}

export interface CloseOptions {
  /** How long open requests get to finish before their connections are cut; 8 s by default. */
  graceMs?: number;
}

export interface RunningDesk {
  url: string;
  context: DeskContext;
  database: OpenedDatabase;
  dispatcher: OutboxDispatcher | null;
  escalations: EscalationScheduler | null;
  announcements: AnnouncementMailer | null;
  defaults: DefaultsReport;
  /** What to tell the person who started it: where to sign in, and with what. */
  signIn: { email: string; password: string | null; roles: string[] }[];
  /** Demo accounts whose published password `serve` switched off. */
  lockedDemoAccounts: string[];
  /** How many demo tickets this start filled an empty demo desk with. */
  demoTicketsAdded: number;
  log: Logger;
  /** Where /metrics is served without a token, when METRICS_BIND is set. */
  metricsUrl: string | null;
  /**
   * Stops gracefully: takes no new connections (and /readyz says so), lets
   * open requests finish and their transactions commit, lets the outbox
   * dispatcher and the schedulers finish what they are doing, then closes
   * the database.
   */
  close(options?: CloseOptions): Promise<void>;
}

function listen(fetch: (request: Request) => Response | Promise<Response>, port: number, hostname: string): Promise<ServerType> {
  return new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch, port, hostname }, () => resolve(s));
    s.once('error', reject);
  });
}

/** Closes `server` once its open requests are answered; connections still busy after `graceMs` are cut. */
function closeGracefully(server: ServerType, graceMs: number): Promise<void> {
  const s = server as ServerType & { closeIdleConnections?: () => void; closeAllConnections?: () => void };
  return new Promise<void>((resolve) => {
    // A keep-alive connection becomes idle once its answer is sent: close it then, not at the grace deadline.
    const idle = setInterval(() => s.closeIdleConnections?.(), 25);
    const cut = setTimeout(() => s.closeAllConnections?.(), graceMs);
    s.close(() => {
      clearInterval(idle);
      clearTimeout(cut);
      resolve();
    });
    s.closeIdleConnections?.();
  });
}

const urlOf = (server: ServerType, host: string) => {
  const address = server.address() as AddressInfo;
  return `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host}:${address.port}`;
};

export async function startDesk(options: StartOptions): Promise<RunningDesk> {
  const { config } = options;
  if (config.dbFile !== ':memory:') mkdirSync(dirname(config.dbFile), { recursive: true });
  const database = openDeskDatabase(config);
  let server: ServerType | undefined;
  let dispatcher: OutboxDispatcher | null = null;
  let autoClose: AutoCloseJob | null = null;
  let escalations: EscalationScheduler | null = null;
  let announcements: AnnouncementMailer | null = null;
  let mailPoller: MailPoller | null = null;
  let metricsServer: ServerType | undefined;
  const log = options.log ?? createLogger({ level: config.logLevel });
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
      onError: (error) => log.error('outbox dispatcher failed', { error }),
    });
    // Without SMTP only webhooks can go out: mail alone does not wake the dispatcher.
    context.onOutboxWritten = (what) => (config.smtpUrl || what?.webhooks ? dispatcher?.wake() : undefined);
    dispatcher.wake();
    autoClose = startAutoClose(context, { onError: (error) => log.error('auto-close failed', { error }) });
    escalations = startEscalationScheduler(context, { onError: (error) => log.error('escalation pass failed', { error }) });
    context.onTicketChanged = () => escalations?.wake();
    announcements = startAnnouncementMailer(context, { onError: (error) => log.error('announcement mailing failed', { error }) });
    context.onAnnouncementMailing = () => announcements?.wake();
    mailPoller = startMailPoller(context, { onError: (error) => log.error('mail poller failed', { error }) });
    context.onMailChannelsChanged = () => mailPoller?.refresh();
    const metrics = deskMetrics(context.db, context.now);
    const app = createApp(context, { log, metrics });
    server = await listen(app.fetch, config.port, config.host);
    const address = server.address() as AddressInfo;
    const url = urlOf(server, config.host);
    if (config.port === 0) config.publicUrl = config.publicUrl.replace(/:0$/, `:${address.port}`);
    let metricsUrl: string | null = null;
    if (config.metricsBind) {
      const scrape = new Hono().get('/metrics', async (c) => c.body(await metrics.registry.render(), 200, { 'Content-Type': exposition }));
      metricsServer = await listen(scrape.fetch, config.metricsBind.port, config.metricsBind.host);
      metricsUrl = `${urlOf(metricsServer, config.metricsBind.host)}/metrics`;
    }
    log.info('desk started', { url, publicUrl: config.publicUrl, database: config.dbFile, mode: options.mode, smtpUrl: config.smtpUrl, metricsUrl, logLevel: config.logLevel });
    const running = server;
    const scrapes = metricsServer;
    let closing: Promise<void> | undefined;
    return {
      url,
      context,
      database,
      dispatcher,
      escalations,
      announcements,
      defaults,
      signIn,
      lockedDemoAccounts,
      demoTicketsAdded,
      log,
      metricsUrl,
      close(closeOptions = {}) {
        closing ??= (async () => {
          const started = Date.now();
          context.shuttingDown = true;
          log.info('desk stopping: answering the open requests, taking no new ones');
          await Promise.all([closeGracefully(running, closeOptions.graceMs ?? 8000), scrapes ? closeGracefully(scrapes, 0) : undefined]);
          // Every request is answered, so every unit of a group commit has committed; the jobs finish their pass.
          await mailPoller?.stop();
          await autoClose?.stop();
          await escalations?.stop();
          await announcements?.stop();
          await dispatcher?.stop();
          await database.close();
          log.info('desk stopped', { durationMs: Date.now() - started });
        })();
        return closing;
      },
    };
  } catch (error) {
    server?.close();
    metricsServer?.close();
    await mailPoller?.stop();
    await autoClose?.stop();
    await escalations?.stop();
    await announcements?.stop();
    await dispatcher?.stop();
    await database.close();
    throw error;
  }
}

/** The domain of the desk's Message-IDs: the sender's, else the public URL's host. */
function mailDomain(config: DeskConfig): string {
  return /@([^>\s]+)>?\s*$/.exec(config.mailFrom)?.[1] ?? new URL(config.publicUrl).hostname;
}
