/**
 * `deskwright demo` opens on a desk with something on every page: the demo
 * story plays through the real services without a single refused step, and
 * leaves tickets in every state, queue and priority, with conversations,
 * escalations, SLA breaches and ratings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillDemoDesk } from '../../server/demo/demo-data.service.ts';
import { demoTickets } from '../../server/demo/demo-tickets.ts';
import { startTestDesk, type TestDesk } from '../support/test-desk.ts';

let t: TestDesk;
let added = 0;
const rows = (sql: string) => t.desk.database.sqlite.prepare(sql).all() as Record<string, unknown>[];
const values = (sql: string) => rows(sql).map((r) => Object.values(r)[0]);

beforeAll(async () => {
  t = await startTestDesk({ smtp: false });
  added = await fillDemoDesk(t.desk.context);
});
afterAll(() => t?.close());

describe('the demo desk', () => {
  it('plays every ticket of the story', () => {
    expect(added).toBe(demoTickets.length);
    expect(added).toBeGreaterThanOrEqual(45);
    expect(values('SELECT count(*) FROM tickets')).toEqual([added]);
  });

  it('has tickets in every state class, queue and priority', () => {
    expect(values('SELECT DISTINCT state_class FROM tickets ORDER BY 1')).toEqual(['closed', 'new', 'open', 'pending', 'resolved']);
    expect(values("SELECT DISTINCT queue_id FROM tickets WHERE state_class IN ('new','open','pending') ORDER BY 1")).toEqual(['end-user-devices', 'first-line', 'identity', 'network']);
    expect(values('SELECT DISTINCT priority FROM tickets ORDER BY 1')).toEqual(['P1', 'P2', 'P3', 'P4']);
  });

  it('tells a story over two weeks: ages, conversations, notes, both kinds of escalation, breaches and ratings', () => {
    const ages = values("SELECT (julianday('now') - julianday(created_at)) FROM tickets") as number[];
    expect(Math.min(...ages)).toBeLessThan(1 / 24);
    expect(Math.max(...ages)).toBeGreaterThan(14);
    const events = new Map(rows('SELECT type, count(*) AS n FROM ticket_events GROUP BY type').map((r) => [r.type, r.n as number]));
    for (const type of ['reply.public', 'note.internal', 'ticket.escalated', 'reply.requester', 'ticket.resolved', 'satisfaction.recorded', 'ticket.closed', 'ticket.reopened', 'escalation.fired']) {
      expect(events.get(type) ?? 0, type).toBeGreaterThan(0);
    }
    expect(values("SELECT DISTINCT json_extract(data, '$.kind') FROM ticket_events WHERE type = 'ticket.escalated' ORDER BY 1")).toEqual(['functional', 'hierarchical']);
    const breached = values("SELECT count(*) FROM tickets WHERE state_class IN ('new','open','pending') AND resolution_due_at < strftime('%Y-%m-%dT%H:%M:%fZ','now')")[0] as number;
    expect(breached).toBeGreaterThan(0);
    const onTime = values("SELECT count(*) FROM tickets WHERE state_class IN ('new','open','pending') AND resolution_due_at > strftime('%Y-%m-%dT%H:%M:%fZ','now')")[0] as number;
    expect(onTime).toBeGreaterThan(0);
    expect(values("SELECT count(DISTINCT json_extract(data, '$.rating')) FROM ticket_events WHERE type = 'satisfaction.recorded'")[0]).toBeGreaterThanOrEqual(3);
  });

  it("gives the first-line agent a workspace full of tickets they can open", async () => {
    const agent = await t.as('agent@example.com');
    const firstLine = (await agent.get('/api/queues')).body.items.find((q: { id: string }) => q.id === 'first-line');
    expect(firstLine.open).toBeGreaterThanOrEqual(10);
    expect(firstLine.unassigned).toBeGreaterThan(0);
    const page = (await agent.get('/api/queues/first-line/tickets?limit=5')).body;
    const opened = await agent.get(`/api/tickets/${page.items[0].id}`);
    expect(opened.status).toBe(200);
  });

  it('is marked as demo data, and a second start adds nothing', async () => {
    expect(values("SELECT value FROM counters WHERE name = 'demo-tickets'")).toEqual([added]);
    expect(await fillDemoDesk(t.desk.context)).toBe(0);
    expect(values('SELECT count(*) FROM tickets')).toEqual([added]);
  });
});
