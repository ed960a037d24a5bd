/**
 * What `/metrics` tells Prometheus about a desk: HTTP requests by route and
 * status with their latency, and, counted in the database when scraped (so
 * they hold across restarts and for every process on the file): tickets
 * created, the outbox backlog and its failures, and how far the escalation
 * scheduler and the outbox run behind.
 */
import type { DeskDb } from '../db/database.ts';
import { schemaVersion } from '../db/migrations/index.ts';
import { Registry } from './metrics.ts';

export interface DeskMetrics {
  registry: Registry;
  observeRequest(request: { method: string; route: string; status: number; seconds: number }): void;
}

const secondsSince = (at: string | null | undefined, now: Date) => (at ? Math.max(0, (now.getTime() - Date.parse(at)) / 1000) : 0);

export function deskMetrics(db: DeskDb, now: () => Date = () => new Date()): DeskMetrics {
  const registry = new Registry();
  const requests = registry.counter('deskwright_http_requests_total', 'HTTP requests answered, by method, route and status');
  const latency = registry.histogram('deskwright_http_request_duration_seconds', 'Time to answer an HTTP request, by method and route');

  registry.collect('deskwright_tickets_created_total', 'Tickets created, by kind (counted in the database)', 'counter', async () => {
    const rows = await db.selectFrom('tickets').select((eb) => ['kind', eb.fn.countAll<number>().as('n')]).groupBy('kind').execute();
    return rows.map((r) => ({ labels: { kind: r.kind }, value: Number(r.n) }));
  });
  registry.collect('deskwright_outbox_messages', 'Outbox messages waiting to be delivered (pending) or given up on (failed), by kind', 'gauge', async () => {
    const rows = await db
      .selectFrom('outbox')
      .select((eb) => ['kind', 'status', eb.fn.countAll<number>().as('n')])
      .where('status', 'in', ['pending', 'failed'])
      .groupBy(['kind', 'status'])
      .execute();
    const seen = rows.map((r) => ({ labels: { kind: r.kind, status: r.status }, value: Number(r.n) }));
    // Zeros too, so an alert on `failed > 0` has a series to watch from the start.
    for (const kind of ['mail', 'webhook']) {
      for (const status of ['pending', 'failed']) if (!seen.some((s) => s.labels.kind === kind && s.labels.status === status)) seen.push({ labels: { kind, status }, value: 0 });
    }
    return seen;
  });
  registry.collect('deskwright_outbox_oldest_due_seconds', 'How long the oldest message that is due has waited for delivery (0: none waiting)', 'gauge', async () => {
    const at = now();
    const row = await db
      .selectFrom('outbox')
      .select((eb) => eb.fn.min('next_attempt_at').as('at'))
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', at.toISOString())
      .executeTakeFirst();
    return [{ value: secondsSince(row?.at as string | null | undefined, at) }];
  });
  registry.collect('deskwright_escalation_lag_seconds', 'How far the escalation scheduler runs behind the earliest look that is due (0: on time)', 'gauge', async () => {
    const at = now();
    const row = await db
      .selectFrom('tickets')
      .select((eb) => eb.fn.min('escalation_check_at').as('at'))
      .where('escalation_check_at', 'is not', null)
      .where('escalation_check_at', '<=', at.toISOString())
      .executeTakeFirst();
    return [{ value: secondsSince(row?.at as string | null | undefined, at) }];
  });
  registry.collect('deskwright_schema_info', 'The schema version (newest migration) this desk runs', 'gauge', () => [{ labels: { schema: schemaVersion }, value: 1 }]);
  const started = Date.now() / 1000;
  registry.collect('process_start_time_seconds', 'When the process started, in seconds since the epoch', 'gauge', () => [{ value: Math.round(started) }]);
  registry.collect('process_resident_memory_bytes', 'Resident memory of the process', 'gauge', () => [{ value: process.memoryUsage.rss() }]);

  return {
    registry,
    observeRequest({ method, route, status, seconds }) {
      requests.inc({ method, route, status: String(status) });
      latency.observe({ method, route }, seconds);
    },
  };
}
