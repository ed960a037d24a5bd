import { describe, expect, it, test } from 'vitest';
import type { Role } from '../people/people.schema.ts';
import { lifecycle as lifecycleSchema, type Lifecycle } from '../workflow/lifecycle.schema.ts';
import { checkTransition, defaultLifecycle, firstStateOfClass, lifecycleOf, nextStates, openTransitions, type TransitionInput } from './lifecycle.ts';
import { ruleData } from './ticket-case.ts';
import { sam, ticketOf } from './test-fixtures.ts';

const as = (...roles: Role[]) => ({ roles });
const agent = as('agent');
/** What a guard sees for the fixture ticket, unassigned unless told otherwise. */
const facts = (assigneeId: string | null = null) => ruleData(ticketOf({ assigneeId }), sam);

const check = (from: string, to: string, input: TransitionInput = {}, actor = agent, lc: Lifecycle = defaultLifecycle, data: unknown = facts()) =>
  checkTransition(lc, from, to, actor, input, data);

/** A desk's own lifecycle, with the defaults (staff roles, nothing required) applied. */
const custom = (input: unknown): Lifecycle => lifecycleSchema.parse(input);

const fiveStates = [
  { id: 'new', class: 'new' },
  { id: 'in-progress', class: 'open' },
  { id: 'waiting', class: 'pending' },
  { id: 'resolved', class: 'resolved' },
  { id: 'closed', class: 'closed' },
];

describe('defaultLifecycle', () => {
  it('has the ITIL states in order, each with its class and a Welsh label', () => {
    expect(defaultLifecycle.states.map((s) => [s.id, s.class, s.label?.cy])).toEqual([
      ['new', 'new', 'Newydd'],
      ['open', 'open', 'Agored'],
      ['pending', 'pending', 'Yn aros am y ceisydd'],
      ['resolved', 'resolved', 'Wedi datrys'],
      ['closed', 'closed', 'Wedi cau'],
    ]);
  });

  it('is what a workflow without a lifecycle gets', () => {
    expect(lifecycleOf({ lifecycle: undefined })).toBe(defaultLifecycle);
    const own = custom({ states: fiveStates, transitions: [{ from: ['new'], to: 'in-progress' }] });
    expect(lifecycleOf({ lifecycle: own })).toBe(own);
  });

  test.each<[string, string[]]>([
    ['new', ['open', 'pending', 'resolved']],
    ['open', ['pending', 'resolved']],
    ['pending', ['open', 'resolved']],
    ['resolved', ['open', 'closed']],
    ['closed', []],
  ])('an agent can move a %s ticket to %j', (from, to) => {
    expect(nextStates(defaultLifecycle, from, agent).map((s) => s.id)).toEqual(to);
  });

  test.each<[Role, string[]]>([
    ['requester', []],
    ['agent', ['open', 'pending', 'resolved']],
    ['specialist', ['open', 'pending', 'resolved']],
    ['manager', ['open', 'pending', 'resolved']],
    ['admin', ['open', 'pending', 'resolved']],
  ])('from new, a %s is offered %j', (role, to) => {
    expect(nextStates(defaultLifecycle, 'new', as(role)).map((s) => s.id)).toEqual(to);
  });

  it('asks for a comment to put a ticket on hold or reopen it, and a code and notes to resolve it', () => {
    expect(check('open', 'pending')).toMatchObject({ status: 422, problems: [{ path: 'comment' }] });
    expect(check('resolved', 'open')).toMatchObject({ status: 422, problems: [{ path: 'comment' }] });
    expect(check('open', 'resolved')).toMatchObject({ status: 422, problems: [{ path: 'resolution.code' }, { path: 'resolution.notes' }] });
    expect(check('new', 'open')).toMatchObject({ ok: true });
    expect(check('resolved', 'closed')).toMatchObject({ ok: true });
  });
});

describe('firstStateOfClass', () => {
  it('is the first declared state of the class', () => {
    const lc = custom({ states: [...fiveStates, { id: 'on-site', class: 'open' }], transitions: [{ from: ['new'], to: 'on-site' }] });
    expect(firstStateOfClass(lc, 'open').id).toBe('in-progress');
    expect(firstStateOfClass(defaultLifecycle, 'closed').id).toBe('closed');
  });

  it('throws when the lifecycle has no state of the class', () => {
    const lc = custom({ states: fiveStates.filter((s) => s.class !== 'pending'), transitions: [{ from: ['new'], to: 'in-progress' }] });
    expect(() => firstStateOfClass(lc, 'pending')).toThrow('the lifecycle has no state of class "pending"');
  });
});

describe('checkTransition', () => {
  it('lets an agent take a transition and says where it leads', () => {
    expect(check('open', 'resolved', { resolution: { code: 'solved', notes: 'Replaced the toner' } })).toEqual({
      ok: true,
      transition: defaultLifecycle.transitions[2],
      to: defaultLifecycle.states[3],
    });
  });

  it('refuses a state the workflow does not have with 422 at "to", listing the states', () => {
    expect(check('open', 'done')).toEqual({
      ok: false,
      status: 422,
      message: '"done" is not a state of this workflow',
      problems: [{ path: 'to', message: 'use one of "new", "open", "pending", "resolved", "closed"' }],
    });
  });

  it('refuses moving a ticket to the state it is in with 409', () => {
    expect(check('open', 'open')).toEqual({ ok: false, status: 409, message: 'The ticket is already open' });
  });

  it('refuses a move the lifecycle has no transition for with 409, hinting where the ticket can go', () => {
    expect(check('new', 'closed')).toEqual({
      ok: false,
      status: 409,
      message: 'A ticket cannot go from "new" to "closed": from "new" it can go to "open", "pending", "resolved"',
    });
    expect(check('pending', 'closed')).toEqual({
      ok: false,
      status: 409,
      message: 'A ticket cannot go from "pending" to "closed": from "pending" it can go to "open", "resolved"',
    });
  });

  it('says a state with no way out is final', () => {
    expect(check('closed', 'open', { comment: 'It is back' })).toEqual({
      ok: false,
      status: 409,
      message: 'A ticket cannot go from "closed" to "open": "closed" is a final state',
    });
  });

  it('lists each reachable state once, even when several transitions lead there', () => {
    const lc = custom({
      states: fiveStates,
      transitions: [
        { from: ['new'], to: 'in-progress', roles: ['manager'] },
        { from: ['new'], to: 'in-progress', requires: ['comment'] },
        { from: ['new'], to: 'waiting' },
      ],
    });
    expect(check('new', 'closed', {}, agent, lc)).toMatchObject({
      status: 409,
      message: 'A ticket cannot go from "new" to "closed": from "new" it can go to "in-progress", "waiting"',
    });
  });

  it('refuses a person whose role may not take the transition with 403', () => {
    expect(check('new', 'open', {}, as('requester'))).toEqual({
      ok: false,
      status: 403,
      message: 'Your role may not move a ticket from "new" to "open"',
    });
  });

  it('lets a person take a transition when any one of their roles may', () => {
    const lc = custom({ states: fiveStates, transitions: [{ from: ['resolved'], to: 'closed', roles: ['manager'] }] });
    expect(check('resolved', 'closed', {}, agent, lc)).toMatchObject({ ok: false, status: 403 });
    expect(check('resolved', 'closed', {}, as('agent', 'manager'), lc)).toMatchObject({ ok: true, to: { id: 'closed' } });
  });

  describe('with a guard', () => {
    const guarded = custom({
      states: fiveStates,
      transitions: [{ from: ['in-progress'], to: 'resolved', when: { '!=': [{ var: 'ticket.assignee' }, null] } }],
    });

    it('refuses with 409 when the guard does not hold', () => {
      expect(check('in-progress', 'resolved', {}, agent, guarded, facts(null))).toEqual({
        ok: false,
        status: 409,
        message: 'The ticket does not meet the condition for going from "in-progress" to "resolved"',
      });
    });

    it('allows the move once the guard holds', () => {
      expect(check('in-progress', 'resolved', {}, agent, guarded, facts('u-dan'))).toMatchObject({ ok: true, to: { id: 'resolved', class: 'resolved' } });
    });

    it('checks the role before the guard', () => {
      expect(check('in-progress', 'resolved', {}, as('requester'), guarded, facts(null))).toMatchObject({ status: 403 });
    });

    it('reads the ticket\'s form fields and the requester', () => {
      const lc = custom({
        states: fiveStates,
        transitions: [
          {
            from: ['new'],
            to: 'in-progress',
            when: { and: [{ '==': [{ var: 'fields.service' }, 'other'] }, { in: ['requester', { var: 'requester.roles' }] }] },
          },
        ],
      });
      expect(check('new', 'in-progress', {}, agent, lc)).toMatchObject({ ok: true });
      const vpn = ruleData(ticketOf({ fields: { service: 'vpn' } }), sam);
      expect(check('new', 'in-progress', {}, agent, lc, vpn)).toMatchObject({ ok: false, status: 409 });
    });
  });

  describe('what a transition requires', () => {
    const needs = (requires: string[]) => custom({ states: fiveStates, transitions: [{ from: ['in-progress'], to: 'waiting', requires }] });
    const required = (path: string) => ({ path, message: 'is required for this change' });

    it('reports every missing input at once, each at its path, with 422', () => {
      expect(check('in-progress', 'waiting', {}, agent, needs(['resolution.code', 'resolution.notes', 'comment', 'root_cause']))).toEqual({
        ok: false,
        status: 422,
        message: 'Going to "waiting" needs more information',
        problems: [required('resolution.code'), required('resolution.notes'), required('comment'), required('fields.root_cause')],
      });
    });

    test.each<[string, TransitionInput, string]>([
      ['a whitespace-only comment', { comment: ' \n\t ' }, 'comment'],
      ['an empty comment', { comment: '' }, 'comment'],
      ['whitespace-only resolution notes', { resolution: { code: 'solved', notes: '   ' } }, 'resolution.notes'],
      ['a whitespace-only resolution code', { resolution: { code: '  ', notes: 'Done' } }, 'resolution.code'],
      ['a whitespace-only field', { fields: { root_cause: '  ' } }, 'fields.root_cause'],
      ['a null field', { fields: { root_cause: null } }, 'fields.root_cause'],
      ['an empty list', { fields: { root_cause: [] } }, 'fields.root_cause'],
      ['the value under another field', { fields: { cause: 'toner' } }, 'fields.root_cause'],
    ])('counts %s as missing', (_name, input, path) => {
      const lc = needs([path.replace(/^fields\./, '')]);
      expect(check('in-progress', 'waiting', input, agent, lc)).toMatchObject({ ok: false, status: 422, problems: [required(path)] });
    });

    it('accepts the move when everything is filled', () => {
      const lc = needs(['resolution.code', 'resolution.notes', 'comment', 'root_cause', 'parts']);
      const input: TransitionInput = { comment: 'Waiting for parts', resolution: { code: 'solved', notes: 'n' }, fields: { root_cause: 'toner', parts: ['drum'] } };
      expect(check('in-progress', 'waiting', input, agent, lc)).toMatchObject({ ok: true, to: { id: 'waiting', class: 'pending' } });
    });

    it('does not look at what the transition does not require', () => {
      expect(check('new', 'open', { comment: '   ' })).toMatchObject({ ok: true });
    });
  });

  describe('when several transitions connect the same two states', () => {
    const two = custom({
      states: fiveStates,
      transitions: [
        { from: ['in-progress'], to: 'resolved', roles: ['manager'], requires: [] },
        { from: ['in-progress'], to: 'resolved', roles: ['agent', 'manager'], requires: ['resolution.code'] },
      ],
    });

    it('takes the first one the person may take', () => {
      expect(check('in-progress', 'resolved', {}, as('manager'), two)).toEqual({ ok: true, transition: two.transitions[0], to: two.states[3] });
      expect(check('in-progress', 'resolved', {}, agent, two)).toMatchObject({ ok: false, status: 422, problems: [{ path: 'resolution.code' }] });
      expect(check('in-progress', 'resolved', { resolution: { code: 'solved' } }, agent, two)).toMatchObject({ ok: true, transition: two.transitions[1] });
    });

    it('skips a transition whose guard does not hold for the next one that does', () => {
      const lc = custom({
        states: fiveStates,
        transitions: [
          { from: ['in-progress'], to: 'resolved', when: { '!=': [{ var: 'ticket.assignee' }, null] } },
          { from: ['in-progress'], to: 'resolved', requires: ['comment'] },
        ],
      });
      expect(check('in-progress', 'resolved', {}, agent, lc, facts('u-dan'))).toEqual({ ok: true, transition: lc.transitions[0], to: lc.states[3] });
      expect(check('in-progress', 'resolved', {}, agent, lc, facts(null))).toMatchObject({ status: 422, problems: [{ path: 'comment' }] });
    });

    it('refuses with 409 only when no guard of the person\'s transitions holds', () => {
      const lc = custom({
        states: fiveStates,
        transitions: [
          { from: ['in-progress'], to: 'resolved', when: false },
          { from: ['in-progress'], to: 'resolved', roles: ['manager'] },
        ],
      });
      expect(check('in-progress', 'resolved', {}, agent, lc)).toMatchObject({ ok: false, status: 409, message: expect.stringMatching(/does not meet the condition/) });
      expect(check('in-progress', 'resolved', {}, as('manager'), lc)).toMatchObject({ ok: true, transition: lc.transitions[1] });
    });
  });
});

describe('nextStates', () => {
  const lc = custom({
    states: fiveStates,
    transitions: [
      { from: ['new', 'waiting'], to: 'in-progress' },
      { from: ['in-progress'], to: 'resolved', roles: ['specialist', 'manager'] },
      { from: ['in-progress'], to: 'waiting', roles: ['agent'], when: false },
      { from: ['resolved'], to: 'closed', roles: ['manager'] },
      { from: ['resolved'], to: 'in-progress', roles: ['requester'] },
    ],
  });

  test.each<[string, Role[], string[]]>([
    ['in-progress', ['agent'], ['waiting']],
    ['in-progress', ['specialist'], ['resolved']],
    ['in-progress', ['agent', 'specialist'], ['waiting', 'resolved']],
    ['resolved', ['manager'], ['closed']],
    ['resolved', ['requester'], ['in-progress']],
    ['resolved', ['agent'], []],
    ['waiting', ['admin'], ['in-progress']],
    ['closed', ['admin'], []],
  ])('from %s, %j is offered %j (in the order the states are declared)', (from, roles, expected) => {
    expect(nextStates(lc, from, { roles }).map((s) => s.id)).toEqual(expected);
  });

  it('offers each state once, with its class', () => {
    const twice = custom({ states: fiveStates, transitions: [{ from: ['new'], to: 'waiting' }, { from: ['new'], to: 'waiting', roles: ['agent'] }] });
    expect(nextStates(twice, 'new', agent)).toEqual([{ id: 'waiting', class: 'pending' }]);
  });
});

describe('openTransitions', () => {
  /** Two ways to resolve: an assigned ticket needs the usual resolution; anyone else must also say why in a comment. */
  const twoWays = custom({
    states: fiveStates,
    transitions: [
      { from: ['new', 'in-progress'], to: 'resolved', when: { '!=': [{ var: 'ticket.assignee' }, null] }, requires: ['resolution.code', 'resolution.notes'] },
      { from: ['new', 'in-progress'], to: 'resolved', requires: ['resolution.code', 'resolution.notes', 'comment'] },
      { from: ['new'], to: 'waiting', roles: ['manager'], requires: [] },
      { from: ['new'], to: 'waiting', requires: ['comment'] },
      { from: ['new'], to: 'closed', when: false },
    ],
  });
  const offered = (actor: { roles: readonly Role[] }, data: unknown) => openTransitions(twoWays, 'new', actor, data).map((o) => [o.to.id, o.transition.requires]);

  it("gives each next state the requirements of the transition whose guard holds, not the first declared one's", () => {
    expect(offered(agent, facts(null))).toEqual([
      ['waiting', ['comment']],
      ['resolved', ['resolution.code', 'resolution.notes', 'comment']],
    ]);
    expect(offered(agent, facts('u-sam'))).toEqual([
      ['waiting', ['comment']],
      ['resolved', ['resolution.code', 'resolution.notes']],
    ]);
  });

  it('picks by role as well, and leaves out a state every guard refuses', () => {
    expect(offered(as('manager'), facts(null))).toEqual([
      ['waiting', []],
      ['resolved', ['resolution.code', 'resolution.notes', 'comment']],
    ]);
    expect(offered(as('requester'), facts(null))).toEqual([]);
  });

  it('offers what checkTransition then accepts, for every state and role', () => {
    for (const roles of [['agent'], ['manager'], ['requester']] as Role[][]) {
      for (const data of [facts(null), facts('u-sam')]) {
        for (const { to, transition } of openTransitions(twoWays, 'new', { roles }, data)) {
          expect(check('new', to.id, {}, { roles }, twoWays, data)).toMatchObject(transition.requires.length ? { ok: false, status: 422 } : { ok: true, transition });
          const filled = { comment: 'why', resolution: { code: 'solved', notes: 'done' }, fields: {} };
          expect(check('new', to.id, filled, { roles }, twoWays, data)).toMatchObject({ ok: true, transition });
        }
      }
    }
  });
});
