/**
 * The people a security test needs, on one desk: the roles of the matrix,
 * each as a signed-in client, plus a ticket's owner for positive controls.
 */
import { startTestDesk, tokenClient, type Client, type TestDesk } from '../../support/test-desk.ts';

/** Who is asking, in the words of issue 8's matrix. */
export const roleNames = ['requester', 'agentA', 'agentB', 'specialist', 'manager', 'admin', 'token', 'anonymous'] as const;
export type RoleName = (typeof roleNames)[number];

/** The desk roles each matrix role holds (what `allow(...)` sees); anonymous holds none. */
export const heldRoles: Record<RoleName, readonly string[]> = {
  requester: ['requester'],
  agentA: ['agent'],
  agentB: ['agent'],
  specialist: ['specialist'],
  manager: ['manager'],
  admin: ['admin'],
  token: ['requester'],
  anonymous: [],
};

export interface People {
  /** The requester who owns the tickets under test. */
  owner: Client;
  as: Record<RoleName, Client>;
  /** A second, fresh session for a role (for calls that end the session, like signing out). */
  fresh(role: RoleName): Promise<Client>;
  ids: Record<'owner' | 'requester' | 'agentA' | 'agentB' | 'specialist' | 'manager' | 'admin' | 'token', string>;
}

export const password = 'a long enough password';

/**
 * Demo accounts plus: a second requester, an agent of the network team
 * (group B; the demo agent is in the service desk, group A), and an API
 * token acting as a monitoring requester.
 */
export async function castOfPeople(t: TestDesk): Promise<People> {
  const admin = await t.as('admin@example.com');
  const made = await Promise.all([
    admin.post('/api/admin/users', { email: 'bea@example.com', name: 'Bea Requester', password, roles: ['requester'] }),
    admin.post('/api/admin/users', { email: 'net-agent@example.com', name: 'Nat Network', password, roles: ['agent'], groups: ['network-team'] }),
    admin.post('/api/admin/users', { email: 'monitoring@example.com', name: 'Monitoring', roles: ['requester'] }),
  ]);
  for (const m of made) if (m.status !== 201) throw new Error(`could not create an account: ${JSON.stringify(m.body)}`);
  const issued = await admin.post('/api/admin/tokens', { name: 'Monitoring', email: 'monitoring@example.com' });
  const as: Record<RoleName, Client> = {
    requester: await t.as('bea@example.com', password),
    agentA: await t.as('agent@example.com'),
    agentB: await t.as('net-agent@example.com', password),
    specialist: await t.as('specialist@example.com'),
    manager: await t.as('manager@example.com'),
    admin,
    token: tokenClient(t.url, issued.body.token),
    anonymous: t.anonymous(),
  };
  const owner = await t.as('requester@example.com');
  const idOf = async (c: Client) => (await c.get('/api/me')).body.user.id as string;
  const ids = {
    owner: await idOf(owner),
    requester: await idOf(as.requester),
    agentA: await idOf(as.agentA),
    agentB: await idOf(as.agentB),
    specialist: await idOf(as.specialist),
    manager: await idOf(as.manager),
    admin: await idOf(as.admin),
    token: await idOf(as.token),
  };
  const emails: Partial<Record<RoleName, [string, string?]>> = {
    requester: ['bea@example.com', password],
    agentA: ['agent@example.com'],
    agentB: ['net-agent@example.com', password],
    specialist: ['specialist@example.com'],
    manager: ['manager@example.com'],
    admin: ['admin@example.com'],
  };
  const fresh = async (role: RoleName) => {
    const account = emails[role];
    return account ? t.as(...account) : as[role];
  };
  return { owner, as, ids, fresh };
}

/** An incident form; `service` decides the queue: "other" → first-line (group A), "vpn" → network (group B). */
export const incident = (summary: string, service = 'other', details = 'It started this morning.') => ({
  fields: { summary, service, impact: 'me', urgency: 'low', details },
});

export { startTestDesk, tokenClient, type Client, type TestDesk };
