/**
 * Internal notes never reach a requester: not in any API payload they can
 * fetch, not in search, not in a file, not in any e-mail the desk sends
 * them. Mirrors OTRS GHSA-6ww2-5f5r-f44h (internal articles shown to
 * customers, as issue 8 names it) and the many "internal note mailed to
 * the customer" bugs of other helpdesks.
 *
 * Every place is scanned for one marker that only ever went into staff-only
 * content; the same marker is shown to reach staff, so the scan can fail.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { castOfPeople, incident, startTestDesk, type Client, type People, type TestDesk } from './support/people.ts';

let t: TestDesk;
let people: People;
let ticket: { id: number; number: string };
/** Only ever written into staff-only places. */
const secret = `Internal${randomBytes(6).toString('hex')}`;
/** Written into public replies: the requester must see it (the positive control). */
const visible = `Public${randomBytes(6).toString('hex')}`;

const textFile = (name: string, text: string, internal: boolean) => {
  const data = new FormData();
  data.append('file', new Blob([text], { type: 'text/plain' }), name);
  if (internal) data.append('internal', 'true');
  return data;
};

beforeAll(async () => {
  t = await startTestDesk();
  people = await castOfPeople(t);
  const { owner, as } = people;
  const agent = as.agentA;
  ticket = (await owner.post('/api/workflows/it-incident/submissions', incident(`Laptop fan loud ${visible}`))).body.ticket;
  const path = `/api/tickets/${ticket.id}`;
  const steps = [
    await agent.post(`${path}/assign`, { agentId: people.ids.agentA }),
    await agent.post(`${path}/comments`, { body: `Suspect the requester dropped it. ${secret}`, internal: true }),
    await agent.post(`${path}/comments`, { body: `We have ordered a new fan. ${visible}`, internal: false }),
    await agent.post(`${path}/attachments`, textFile(`${secret}.txt`, `warranty notes ${secret}`, true)),
    await agent.post(`${path}/escalate`, { kind: 'hierarchical', reason: `Requester is difficult ${secret}` }),
    await agent.post(`${path}/transitions`, { to: 'resolved', comment: `Billed to their cost centre ${secret}`, internal: true, resolution: { code: 'solved', notes: `Fan replaced ${visible}` } }),
  ];
  for (const s of steps) expect(s.status, JSON.stringify(s.body)).toBeLessThan(300);
  // The resolution mail is the last one the requester gets from these steps; the manager's escalation mail carries the note.
  await t.mail.waitFor((m) => m.to.includes('requester@example.com') && m.subject.includes('Resolved') && m.subject.includes(ticket.number));
  await t.mail.waitFor((m) => m.to.includes('manager@example.com') && m.subject.includes(ticket.number) && m.text.includes(secret));
});
afterAll(() => t.close());

/** Every payload a person can fetch about the ticket, as text, files included. */
async function everythingAbout(c: Client): Promise<string> {
  const paths = [
    `/api/tickets/${ticket.id}`,
    `/api/tickets/${ticket.id}/events`,
    `/api/tickets/${ticket.id}/options`,
    '/api/tickets',
    '/api/tickets?mine=1',
    '/api/tickets?sort=updated',
    `/api/tickets?q=${secret}`,
    `/api/tickets?q=${encodeURIComponent(`fan ${secret}`)}`,
  ];
  const answers = await Promise.all(paths.map((p) => c.get(p)));
  for (const [i, a] of answers.entries()) expect(a.status, paths[i]).toBe(200);
  const files = await Promise.all(answers[0]!.body.attachments.map((a: { id: number }) => c.get(`/api/attachments/${a.id}`)));
  return [...answers.map((a) => JSON.stringify(a.body)), ...files.map((f) => Buffer.from(f.body).toString())].join('\n');
}

it('shows the requester the conversation, never a note, a staff file, an escalation reason or an internal resolution comment', async () => {
  const seen = await everythingAbout(people.owner);
  expect(seen).toContain(visible);
  expect(seen).not.toContain(secret);
});

it('shows staff the same places with the note in them (the scan can fail)', async () => {
  const seen = await everythingAbout(people.as.agentA);
  expect(seen).toContain(visible);
  expect(seen).toContain(secret);
  const found = await people.as.agentA.get(`/api/tickets?q=${secret}`);
  expect(found.body.items.map((x: { id: number }) => x.id)).toEqual([ticket.id]);
});

it('finds nothing when the requester searches for words only a note contains', async () => {
  expect((await people.owner.get(`/api/tickets?q=${secret}`)).body.items).toEqual([]);
  expect((await people.owner.get(`/api/tickets?q=${visible}`)).body.items.map((x: { id: number }) => x.id)).toEqual([ticket.id]);
});

it('never mails a note to the requester, while staff mail may carry it', async () => {
  const theirs = t.mail.messages.filter((m) => m.to.includes('requester@example.com'));
  expect(theirs.length).toBeGreaterThanOrEqual(3); // acknowledgement, the public reply, the resolution
  const text = theirs.map((m) => `${m.subject}\n${m.text}\n${m.html}`).join('\n');
  expect(text).toContain(visible);
  expect(text).not.toContain(secret);
  const staff = t.mail.messages.filter((m) => !m.to.includes('requester@example.com'));
  expect(staff.some((m) => m.text.includes(secret))).toBe(true);
});
