/**
 * Mass assignment: on every write a requester can make, extra keys naming
 * what only staff or the desk decide (status, queue, assignee, priority,
 * roles, requester…) or nothing at all are refused with the path, or
 * ignored; never applied. fast-check generates the extra keys.
 *
 * Mirrors FreeScout CVE-2026-40591 (a conversation bound to a customer the
 * caller named in the request) and the Flowise mass-assignment advisory
 * GHSA-728h-4mwj-f2p4 (an owner field overwritten from the request body).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { castOfPeople, incident, password, startTestDesk, type People, type TestDesk } from './support/people.ts';

let t: TestDesk;
let people: People;
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

beforeAll(async () => {
  // A still clock: SLA due times then depend only on what the ticket is, not on when it was asked.
  const clock = new Date('2026-11-23T10:00:00Z');
  t = await startTestDesk({ smtp: false, now: () => clock });
  people = await castOfPeople(t);
});
afterAll(() => t.close());

/** What staff or the desk decide about a ticket, and a requester must not. */
const decided = (ticket: Record<string, unknown>) => {
  const { status, statusClass, queue, assigneeId, priority, requesterId, category, slaDue, heldByGroups, managerFlaggedAt, slaPolicy, workflowId } = ticket;
  return { status, statusClass, queue, assigneeId, priority, requesterId, category, slaDue, heldByGroups, managerFlaggedAt, slaPolicy, workflowId };
};

const dangerousKeys = [
  'status', 'statusClass', 'state', 'queue', 'queueId', 'assignee', 'assigneeId', 'agentId', 'roles', 'role', 'priority', 'requester',
  'requesterId', 'category', 'slaDue', 'slaPolicy', 'heldByGroups', 'resolution', 'satisfaction', 'id', 'ticketId', 'uploadedBy',
  'workflowId', 'isAdmin', 'groups', '__proto__', 'constructor', 'prototype',
];

/** Extra keys (dangerous names or random ones) with values an attacker would pick, or any JSON. */
const extras = (taken: readonly string[]) => {
  const value = fc.oneof(
    fc.constantFrom<unknown>('closed', 'resolved', 'network', 'P1', ['admin'], { roles: ['admin'] }, true, null),
    fc.jsonValue({ maxDepth: 2 }),
  );
  const key = fc.oneof(fc.constantFrom(...dangerousKeys), fc.string({ minLength: 1, maxLength: 12 })).filter((k) => !taken.includes(k));
  return fc.dictionary(key, value, { minKeys: 1, maxKeys: 4 });
};
const runs = { numRuns: 20 };

/** A refusal must name one of the extra keys as the path of what is wrong. */
function refusedByPath(res: { status: number; body: any }, keys: string[], prefix = ''): boolean {
  if (res.status !== 422) return false;
  const paths: string[] = res.body.errors.map((e: { path: string }) => e.path);
  return paths.some((p) => keys.some((k) => p === `${prefix}${k}` || p.startsWith(`${prefix}${k}.`) || p.startsWith(`${prefix}${k}[`)));
}

describe('a submission', () => {
  const form = incident('Keyboard missing keys').fields;
  let baseline: Record<string, unknown>;

  beforeAll(async () => {
    baseline = decided((await people.owner.post('/api/workflows/it-incident/submissions', { fields: form })).body.ticket);
    expect(baseline).toMatchObject({ status: 'new', queue: 'first-line', assigneeId: null, priority: 'P4', requesterId: people.ids.owner });
  });

  it('ignores extra keys beside the fields', async () => {
    await fc.assert(
      fc.asyncProperty(extras(['fields']), async (extra) => {
        const res = await people.owner.post('/api/workflows/it-incident/submissions', { ...extra, fields: form });
        expect(res.status).toBe(201);
        expect(decided(res.body.ticket)).toEqual(baseline);
      }),
      runs,
    );
  });

  it('refuses extra keys among the fields, by path, or ignores them', async () => {
    await fc.assert(
      fc.asyncProperty(extras(Object.keys(form).concat('printer_id', 'asset_tag', 'screenshots')), async (extra) => {
        const res = await people.owner.post('/api/workflows/it-incident/submissions', { fields: { ...form, ...extra } });
        if (res.status === 201) expect(decided(res.body.ticket)).toEqual(baseline);
        else expect(refusedByPath(res, Object.keys(extra), 'fields.'), JSON.stringify(res.body)).toBe(true);
      }),
      runs,
    );
  });

  it('cannot be filed for someone else', async () => {
    const res = await people.owner.post('/api/workflows/it-incident/submissions', { fields: form, requester: people.ids.requester, requesterId: people.ids.requester });
    expect(res.body.ticket.requesterId).toBe(people.ids.owner);
    expect((await people.as.requester.get('/api/tickets?mine=1')).body.items).toEqual([]);
  });
});

describe("a requester's reply", () => {
  it('changes nothing staff decide, and stays a public reply', async () => {
    const ticket = (await people.owner.post('/api/workflows/it-incident/submissions', incident('Mouse double-clicks'))).body.ticket;
    const path = `/api/tickets/${ticket.id}`;
    const before = decided(ticket);
    await fc.assert(
      fc.asyncProperty(extras(['body', 'version']), async (extra) => {
        const res = await people.owner.post(`${path}/comments`, { body: 'Still happening', ...extra });
        if (res.status === 200) {
          expect(decided(res.body.ticket)).toEqual(before);
          const events = (await people.as.agentA.get(`${path}/events`)).body.items;
          expect(events.at(-1).type).toBe('reply.requester');
        } else if (extra.internal === true) {
          expect(res.status).toBe(403); // a requester cannot write an internal note
        } else {
          expect(refusedByPath(res, Object.keys(extra)), JSON.stringify(res.body)).toBe(true);
        }
      }),
      runs,
    );
    // Staff never saw a note from the requester.
    const events = (await people.as.agentA.get(`${path}/events`)).body.items;
    expect(events.map((e: { type: string }) => e.type)).not.toContain('note.internal');
  });
});

describe('confirming or reopening a resolution', () => {
  async function resolvedTicket(summary: string) {
    const ticket = (await people.owner.post('/api/workflows/it-incident/submissions', incident(summary))).body.ticket;
    const path = `/api/tickets/${ticket.id}`;
    await people.as.agentA.post(`${path}/assign`, { agentId: people.ids.agentA });
    const resolved = await people.as.agentA.post(`${path}/transitions`, { to: 'resolved', resolution: { code: 'solved', notes: 'Replaced it.' } });
    expect(resolved.status).toBe(200);
    return { path, before: decided(resolved.body.ticket) };
  }

  it('closes (confirm) or reopens to the desk (reopen), whatever else the body says', async () => {
    await fc.assert(
      fc.asyncProperty(extras(['rating', 'comment', 'reason']), fc.boolean(), async (extra, confirm) => {
        const { path, before } = await resolvedTicket('Headset crackles');
        const res = confirm ? await people.owner.post(`${path}/confirm`, { rating: 4, ...extra }) : await people.owner.post(`${path}/reopen`, { reason: 'Still crackles', ...extra });
        expect(res.status).toBe(200);
        const after = decided(res.body.ticket);
        expect(after.statusClass).toBe(confirm ? 'closed' : 'open');
        // The state and, on reopening, the SLA clocks move; nothing else does.
        const moving = { status: null, statusClass: null, slaDue: null };
        expect({ ...after, ...moving }).toEqual({ ...before, ...moving });
      }),
      { numRuns: 6 },
    );
  });
});

describe('uploads', () => {
  it('ignore extra form fields: a requester cannot make a file internal or put it on another ticket', async () => {
    const ticket = (await people.owner.post('/api/workflows/it-incident/submissions', incident('Webcam is black'))).body.ticket;
    const other = (await people.as.requester.post('/api/workflows/it-incident/submissions', incident('Not yours'))).body.ticket;
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom('ticketId', 'uploadedBy', 'internal', 'id', 'sha256', 'contentType'), fc.constantFrom('true', String(other.id), people.ids.requester, 'text/html')),
        async (extra) => {
          const data = new FormData();
          data.append('file', new Blob(['camera log'], { type: 'text/plain' }), 'camera.txt');
          for (const [k, v] of Object.entries(extra)) data.append(k, v);
          const res = await people.owner.post(`/api/tickets/${ticket.id}/attachments`, data);
          if (extra.internal === 'true') {
            expect(res.status).toBe(403);
          } else if (extra.internal !== undefined && extra.internal !== 'false') {
            expect(refusedByPath(res, ['internal']), JSON.stringify(res.body)).toBe(true);
          } else {
            expect(res.status).toBe(201);
            expect(res.body.items[0]).toMatchObject({ internal: false, contentType: 'text/plain' });
          }
        },
      ),
      runs,
    );
    const theirs = (await people.as.manager.get(`/api/tickets/${other.id}`)).body.attachments;
    expect(theirs).toEqual([]);
  });
});

describe('signing in', () => {
  it('takes no roles or groups from the request', async () => {
    const res = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bea@example.com', password, roles: ['admin'], groups: ['service-desk'], user: { roles: ['admin'] } }),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).user).toMatchObject({ roles: ['requester'], groups: [] });
  });
});

it('leaves Object.prototype as it was after every request above (no prototype pollution)', () => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  expect(({} as Record<string, unknown>).roles).toBeUndefined();
});
