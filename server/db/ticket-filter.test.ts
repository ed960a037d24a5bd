/**
 * The compiled SQL must select exactly the tickets json-logic itself would,
 * so most cases here run the same rule both ways over one small, varied set
 * of tickets and compare ids; a seeded fuzzer covers the combinations no one
 * would think to write down.
 */
import jsonLogic from 'json-logic-js';
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import { openDatabase, type OpenedDatabase } from './database.ts';
import { migrateToLatest } from './migrations/index.ts';
import type { NewTicketRow, TicketRow } from './schema.ts';
import { compileTicketFilter, maxFilterDepth, maxFilterParts } from './ticket-filter.ts';

const now = new Date('2026-11-22T12:00:00.000Z');
const context = { userId: 'u-me', now };
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();

// id, status, priority, queue, assignee, category, impact, urgency, response due, resolution due (minutes from now)
type Seed = [number, string, string, string, string | null, string | null, string | null, string | null, number | null, number | null];
const seeds: Seed[] = [
  [1001, 'new', 'P1', 'network', 'u-me', null, 'high', 'high', -30, 120],
  [1002, 'open', 'P2', 'network', 'u-me', 'network', 'high', 'low', null, -10],
  [1003, 'open', 'P3', 'network', null, 'network', null, null, 15, 240],
  [1004, 'pending', 'P1', 'desktop', 'u-me', 'hardware', 'low', 'high', null, null],
  [1005, 'resolved', 'P2', 'network', 'u-me', 'network', 'medium', 'medium', -300, -200],
  [1006, 'open', 'P1', 'security', 'u-ana', 'access', 'high', 'high', -5, -1],
  [1007, 'new', 'P4', 'network', null, null, null, null, 60, 600],
  [1008, 'closed', 'P1', 'network', null, 'network', 'high', 'high', -1000, -900],
  [1009, 'open', 'P2', 'desktop', 'u-bob', 'hardware', 'low', null, 30, -60],
  [1010, 'new', 'P2', 'network', null, 'network', 'medium', 'high', 5, 300],
  [1011, 'open', 'P1', 'desktop', 'u-me', 'software', null, 'low', null, 0],
  [1012, 'pending', 'P3', 'security', 'u-ana', null, 'low', 'low', null, null],
  [1013, 'open', 'P4', 'desktop', 'u-me', 'hardware', 'medium', 'medium', 90, 1440],
  [1014, 'new', 'P1', 'security', null, 'access', 'high', null, -2, 30],
  [1015, 'resolved', 'P3', 'desktop', 'u-bob', 'software', null, null, null, -5000],
  [1016, 'open', 'P2', 'security', 'u-me', 'access', 'high', 'high', -15, -15],
  [1017, 'closed', 'P4', 'network', 'u-ana', null, null, null, null, null],
  [1018, 'new', 'P3', 'desktop', null, 'hardware', 'low', 'medium', 10, 100],
  [1019, 'open', 'P1', 'network', 'u-bob', 'network', 'medium', 'high', -60, -30],
  [1020, 'pending', 'P2', 'network', 'u-me', 'network', 'low', null, null, 720],
];

/** The fixture as rows, built before the database exists so test names can quote its values. */
const fixture: NewTicketRow[] = seeds.map(([id, status, priority, queue, assignee, category, impact, urgency, responseDue, resolutionDue], i) => {
  const kind = i % 4 === 3 ? 'request' : 'incident';
  return {
    id, status, priority, category, impact, urgency, kind,
    // The fixture's states are the classes themselves, as in a lifecycle without states of its own.
    state_class: status,
    workflow_id: kind,
    workflow_version_id: kind === 'incident' ? 1 : 2,
    title: `ticket ${id}`,
    queue_id: queue,
    assignee_id: assignee,
    requester_id: ['u-req', 'u-me', 'u-ana'][i % 3]!,
    fields: '{}',
    sla_policy: 'standard',
    response_due_at: responseDue === null ? null : at(responseDue),
    resolution_due_at: resolutionDue === null ? null : at(resolutionDue),
    idempotency_key: null,
    created_at: at(-47 * (i + 1)),
    updated_at: at(-47 * (i + 1) + ((i * 13) % 50)),
    row_version: 1,
  };
});

let database: OpenedDatabase;
/** The tickets as read back, so both sides see exactly what SQLite stored. */
let rows: TicketRow[];

beforeAll(async () => {
  database = openDatabase(':memory:');
  const { db } = database;
  await migrateToLatest(db);
  const created = now.toISOString();
  await db
    .insertInto('users')
    .values(['u-me', 'u-ana', 'u-bob', 'u-req'].map((id) => ({ id, email: `${id}@example.test`, name: id, password_hash: null, roles: '[]', locale: 'en', time_zone: 'UTC', created_at: created })))
    .execute();
  await db.insertInto('groups').values({ id: 'g-it', name: '"IT"', tier: '1' }).execute();
  await db.insertInto('queues').values(['network', 'desktop', 'security'].map((id) => ({ id, name: `"${id}"`, group_id: 'g-it', manager: null }))).execute();
  await db.insertInto('workflows').values(['incident', 'request'].map((id) => ({ id, draft: '{}', draft_revision: 1, draft_updated_at: created, draft_updated_by: null, created_at: created }))).execute();
  await db.insertInto('workflow_versions').values(['incident', 'request'].map((id) => ({ workflow_id: id, version: 1, definition: '{}', note: null, published_at: created, published_by: null }))).execute();
  await db.insertInto('tickets').values(fixture).execute();
  rows = await db.selectFrom('tickets').selectAll().orderBy('id').execute();
});

afterAll(() => database.close());

/** Ids the compiled SQL selects. */
async function sqlIds(rule: unknown): Promise<number[]> {
  const compiled = compileTicketFilter(rule, context);
  if (!compiled.ok) throw new Error(`refused ${JSON.stringify(rule)}: ${JSON.stringify(compiled.problems)}`);
  const found = await database.db.selectFrom('tickets').select('id').where(compiled.where).orderBy('id').execute();
  return found.map((r) => r.id);
}

/** Ids json-logic itself matches, over the same rows as a view's rule sees them. */
function jsonLogicIds(rule: unknown): number[] {
  return rows
    .filter((r) => {
      const ticket = {
        status: r.status, statusClass: r.state_class, priority: r.priority, category: r.category, queue: r.queue_id, assignee: r.assignee_id,
        requester: r.requester_id, kind: r.kind, workflow: r.workflow_id, impact: r.impact, urgency: r.urgency,
        createdAt: r.created_at, updatedAt: r.updated_at, responseDue: r.response_due_at, resolutionDue: r.resolution_due_at,
      };
      return jsonLogic.truthy(jsonLogic.apply(rule as jsonLogic.RulesLogic, { ticket, me: context.userId, now: now.toISOString() }));
    })
    .map((r) => r.id);
}

const v = (name: string) => ({ var: name });
const fieldNames = [
  'ticket.status', 'ticket.statusClass', 'ticket.priority', 'ticket.category', 'ticket.queue', 'ticket.assignee', 'ticket.requester', 'ticket.kind',
  'ticket.workflow', 'ticket.impact', 'ticket.urgency', 'ticket.createdAt', 'ticket.updatedAt', 'ticket.responseDue', 'ticket.resolutionDue',
];
const comparisonOps = ['==', '===', '!=', '!==', '<', '<=', '>', '>='];

describe('compileTicketFilter: readable views', () => {
  it('finds my active P1/P2 tickets', async () => {
    const rule = {
      and: [
        { '==': [v('ticket.assignee'), v('me')] },
        { in: [v('ticket.status'), ['new', 'open', 'pending']] },
        { in: [v('ticket.priority'), ['P1', 'P2']] },
      ],
    };
    expect(await sqlIds(rule)).toEqual([1001, 1002, 1004, 1011, 1016, 1020]);
    expect(jsonLogicIds(rule)).toEqual([1001, 1002, 1004, 1011, 1016, 1020]);
  });

  it('finds unassigned tickets in the network queue', async () => {
    const rule = { and: [{ '==': [v('ticket.assignee'), null] }, { '==': ['network', v('ticket.queue')] }] };
    expect(await sqlIds(rule)).toEqual([1003, 1007, 1008, 1010]);
  });

  it('finds tickets whose resolution was due before now (empty due dates never are)', async () => {
    const rule = { '<': [v('ticket.resolutionDue'), v('now')] };
    expect(await sqlIds(rule)).toEqual([1002, 1005, 1006, 1008, 1009, 1015, 1016, 1019]);
  });

  it('counts an unassigned ticket as "not assigned to me", as json-logic does', async () => {
    const rule = { '!': { '==': [v('ticket.assignee'), 'u-me'] } };
    expect(await sqlIds(rule)).toEqual([1003, 1006, 1007, 1008, 1009, 1010, 1012, 1014, 1015, 1017, 1018, 1019]);
  });

  it('composes with the other conditions of a query', async () => {
    const compiled = compileTicketFilter({ or: [{ '==': [v('ticket.priority'), 'P1'] }, { '==': [v('ticket.priority'), 'P4'] }] }, context);
    if (!compiled.ok) throw new Error('refused');
    const found = await database.db.selectFrom('tickets').select('id').where('queue_id', '=', 'desktop').where(compiled.where).orderBy('id').execute();
    expect(found.map((r) => r.id)).toEqual([1004, 1011, 1013]);
  });

  it('binds values as parameters, never as SQL text', async () => {
    const sneaky = "x' OR '1'='1";
    const compiled = compileTicketFilter({ in: [v('ticket.status'), [sneaky, 'open']] }, context);
    if (!compiled.ok) throw new Error('refused');
    const query = database.db.selectFrom('tickets').select('id').where(compiled.where).compile();
    expect(query.sql).not.toContain("'");
    expect(query.parameters).toEqual([sneaky, 'open']);
    expect(await sqlIds({ '==': [v('ticket.status'), sneaky] })).toEqual([]);
  });
});

describe('compileTicketFilter: same tickets as json-logic', () => {
  const cases: [string, unknown][] = [
    ['true', true],
    ['false', false],
    ['!true', { '!': true }],
    ['var in array form', { '==': [{ var: ['ticket.status'] }, 'open'] }],
    ['me on the left', { '===': [v('me'), v('ticket.requester')] }],
    ['!= me', { '!=': [v('ticket.assignee'), v('me')] }],
    ['!== null', { '!==': [v('ticket.category'), null] }],
    ['null on the left', { '==': [null, v('ticket.urgency')] }],
    ['not empty, negated', { '!': [{ '!=': [v('ticket.impact'), null] }] }],
    ['in with null', { in: [v('ticket.assignee'), [null, 'u-bob']] }],
    ['not in with null', { '!': { in: [v('ticket.assignee'), [null, 'u-bob']] } }],
    ['not in, nullable', { '!': { in: [v('ticket.category'), ['network', 'access']] } }],
    ['in an empty list', { in: [v('ticket.status'), []] }],
    ['not in an empty list', { '!': { in: [v('ticket.status'), []] } }],
    ['in only null', { in: [v('ticket.impact'), [null]] }],
    ['not in only null', { '!': { in: [v('ticket.impact'), [null]] } }],
    ['in with me', { in: [v('ticket.requester'), [v('me'), 'u-ana']] }],
    ['now on the left', { '>': [v('now'), v('ticket.responseDue')] }],
    ['not overdue, nullable', { '!': { '<=': [v('ticket.resolutionDue'), v('now')] } }],
    ['due exactly now', { '==': [v('ticket.resolutionDue'), v('now')] }],
    ['not after a date', { '!': { '>': [v('ticket.createdAt'), at(-400)] } }],
    ['string order on priority', { '<=': [v('ticket.priority'), 'P2'] }],
    ['string order, flipped', { '<': ['P2', v('ticket.priority')] }],
    ['empty string orders first', { '>': [v('ticket.category'), ''] }],
    ['JavaScript orders an empty field as 0: <= ""', { '<=': [v('ticket.category'), ''] }],
    ['JavaScript orders an empty field as 0: < "5"', { '<': [v('ticket.impact'), '5'] }],
    ['JavaScript orders an empty field as 0: "-1" < field', { '<': ['-1', v('ticket.urgency')] }],
    ['JavaScript orders an empty field as 0: !(>= "")', { '!': { '>=': [v('ticket.assignee'), ''] } }],
    ['nested !', { '!': { '!': { '==': [v('ticket.urgency'), 'high'] } } }],
    ['not (a and b)', { '!': { and: [{ '==': [v('ticket.queue'), 'network'] }, { '!=': [v('ticket.impact'), 'high'] }] } }],
    ['not (a or b)', { '!': { or: [{ '==': [v('ticket.kind'), 'request'] }, { '>=': [v('ticket.urgency'), 'low'] }] } }],
    ['or of ands', {
      or: [
        { and: [{ '==': [v('ticket.workflow'), 'incident'] }, { '<': [v('ticket.updatedAt'), at(-300)] }] },
        { and: [{ '==': [v('ticket.assignee'), null] }, { '!': { in: [v('ticket.status'), ['closed', 'resolved']] } }] },
      ],
    }],
    ['and with a literal true', { and: [true, { '==': [v('ticket.queue'), 'security'] }] }],
    ['or with a literal false', { or: [false, { '==': [v('ticket.queue'), 'security'] }] }],
  ];
  for (const field of fieldNames) {
    const sample = valueOf(field, fixture[9]!) ?? 'P2';
    for (const op of comparisonOps) cases.push([`${field} ${op} a value`, { [op]: [v(field), sample] }]);
    cases.push([`${field} in a list`, { in: [v(field), [sample, 'zzz', null]] }]);
    cases.push([`${field} is empty`, { '==': [v(field), null] }]);
    cases.push([`not ${field} < a value`, { '!': { '<': [v(field), sample] } }]);
  }

  test.each(cases)('%s', async (_name, rule) => {
    expect(await sqlIds(rule)).toEqual(jsonLogicIds(rule));
  });

  it('agrees on 400 random filters', async () => {
    const random = mulberry32(20261122);
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const valueFor = (field: string): unknown =>
      random() < 0.2 ? pick([v('me'), v('now'), '', '5', '-1', 'zzz', null]) : valueOf(field, pick(fixture));
    const leaf = (): unknown => {
      const field = pick(fieldNames);
      if (random() < 0.25) {
        const list = Array.from({ length: Math.floor(random() * 4) }, () => valueFor(field));
        return { in: [v(field), list] };
      }
      const op = pick(comparisonOps);
      let value = valueFor(field);
      if (value === null && ['<', '<=', '>', '>='].includes(op)) value = 'P2';
      return random() < 0.5 ? { [op]: [v(field), value] } : { [op]: [value, v(field)] };
    };
    const rule = (depth: number): unknown => {
      const roll = random();
      if (depth === 0 || roll < 0.35) return roll < 0.02 ? random() < 0.5 : leaf();
      if (roll < 0.55) return random() < 0.5 ? { '!': rule(depth - 1) } : { '!': [rule(depth - 1)] };
      const children = Array.from({ length: 1 + Math.floor(random() * 3) }, () => rule(depth - 1));
      return { [random() < 0.5 ? 'and' : 'or']: children };
    };
    let discriminating = 0;
    for (let i = 0; i < 400; i++) {
      const r = rule(4);
      const expected = jsonLogicIds(r);
      expect(await sqlIds(r), JSON.stringify(r)).toEqual(expected);
      if (expected.length > 0 && expected.length < rows.length) discriminating += 1;
    }
    // Guards against a fixture so uniform that every filter trivially matches all or nothing.
    expect(discriminating).toBeGreaterThan(200);
  });
});

/** The value a field has on one fixture ticket. */
function valueOf(field: string, r: NewTicketRow): string | null {
  const byField: Record<string, string | null | undefined> = {
    'ticket.status': r.status, 'ticket.priority': r.priority, 'ticket.category': r.category, 'ticket.queue': r.queue_id,
    'ticket.assignee': r.assignee_id, 'ticket.requester': r.requester_id, 'ticket.kind': r.kind, 'ticket.workflow': r.workflow_id,
    'ticket.impact': r.impact, 'ticket.urgency': r.urgency, 'ticket.createdAt': r.created_at, 'ticket.updatedAt': r.updated_at,
    'ticket.responseDue': r.response_due_at, 'ticket.resolutionDue': r.resolution_due_at,
  };
  return byField[field] ?? null;
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('compileTicketFilter: refusals', () => {
  const problemsOf = (rule: unknown) => {
    const compiled = compileTicketFilter(rule, context);
    return compiled.ok ? [] : compiled.problems.map((p) => [p.path, p.message]);
  };

  it('names an unknown field at its var and lists the ones a view can use', () => {
    expect(problemsOf({ and: [{ '==': [v('ticket.status'), 'open'] }, { '==': [v('ticket.colour'), 'red'] }] })).toEqual([
      ['filter.and[1].==[0].var', `"ticket.colour" is not a ticket field a view can filter on; use one of: ${fieldNames.join(', ')}, me, now`],
    ]);
  });

  it('refuses operators outside the view vocabulary at the condition', () => {
    const message = (op: string) => `the operator "${op}" cannot be used in a view filter; use and, or, !, ==, !=, <, <=, >, >= or in`;
    expect(problemsOf({ or: [{ map: [[1], { var: '' }] }] })).toEqual([['filter.or[0]', message('map')]]);
    expect(problemsOf({ and: [{ '!!': [v('ticket.assignee')] }] })).toEqual([['filter.and[0]', message('!!')]]);
    expect(problemsOf(JSON.parse('{"__proto__": [1]}'))).toEqual([['filter', message('__proto__')]]);
    expect(problemsOf({ '==': [{ var: 'constructor' }, 'x'] })[0]?.[0]).toBe('filter.==[0].var');
  });

  test.each<[string, unknown, string, RegExp]>([
    ['a calculation as the value', { '==': [v('ticket.priority'), { cat: ['P', '1'] }] }, 'filter.==[1]', /not a calculation/],
    ['a number as the value', { '>': [v('ticket.priority'), 2] }, 'filter.>[1]', /^2 is not text/],
    ['a boolean as the value', { '==': [true, v('ticket.kind')] }, 'filter.==[0]', /^true is not text/],
    ['an object in an in-list', { in: [v('ticket.status'), ['open', { var: 'ticket.kind' }]] }, 'filter.in[1][1]', /not ticket fields/],
    ['a nested list in an in-list', { in: [v('ticket.status'), ['open', ['new']]] }, 'filter.in[1][1]', /not a calculation or a list/],
    ['substring search with in', { in: ['net', v('ticket.category')] }, 'filter.in', /cannot search inside text/],
    ['in without a field', { in: [v('me'), ['u-me']] }, 'filter.in[0]', /must check a ticket field/],
    ['ordering against null', { '<': [v('ticket.responseDue'), null] }, 'filter.<', /has no order/],
    ['a var default', { '==': [{ var: ['ticket.status', 'new'] }, 'new'] }, 'filter.==[0].var', /default value/],
    ['a field on its own', { and: [v('ticket.assignee')] }, 'filter.and[0]', /on its own is not a condition/],
    ['a var that is not a name', { '==': [{ var: 3 }, 'new'] }, 'filter.==[0].var', /must name a ticket field/],
    ['json-logic between', { '<': [at(-60), v('ticket.createdAt'), v('now')] }, 'filter.<', /exactly two things/],
    ['two fields', { '==': [v('ticket.requester'), v('ticket.assignee')] }, 'filter.==', /not with another ticket field/],
    ['no field at all', { '==': [v('me'), 'u-me'] }, 'filter.==', /does not look at any ticket field/],
    ['an empty and', { and: [] }, 'filter.and', /at least one condition/],
    ['or without a list', { or: { '==': [v('ticket.status'), 'open'] } }, 'filter.or', /at least one condition/],
    ['! with two conditions', { '!': [true, false] }, 'filter.!', /exactly one condition/],
    ['a bare value as the rule', 'open', 'filter', /^"open" is not a condition/],
    ['a bare value inside and', { and: [true, 1] }, 'filter.and[1]', /^1 is not a condition/],
    ['two operators in one object', { '==': [v('ticket.status'), 'open'], '!=': [v('ticket.kind'), 'x'] }, 'filter', /exactly one operator, found "==", "!="/],
    ['an empty object', {}, 'filter', /found none/],
  ])('refuses %s', (_name, rule, path, message) => {
    const problems = problemsOf(rule);
    expect(problems).toHaveLength(1);
    expect(problems[0]![0]).toBe(path);
    expect(problems[0]![1]).toMatch(message);
  });

  it('reports every problem, not just the first', () => {
    expect(problemsOf({ or: [{ some: [] }, { '==': [v('ticket.size'), 'L'] }, { '<': [v('ticket.priority'), 1] }] }).map(([p]) => p)).toEqual([
      'filter.or[0]',
      'filter.or[1].==[0].var',
      'filter.or[2].<[1]',
    ]);
  });

  it(`caps nesting at ${maxFilterDepth} levels`, () => {
    const nested = (levels: number): unknown => (levels ? { '!': nested(levels - 1) } : true);
    expect(compileTicketFilter(nested(maxFilterDepth), context).ok).toBe(true);
    expect(problemsOf(nested(maxFilterDepth + 1))).toEqual([[`filter${'.!'.repeat(maxFilterDepth + 1)}`, `the filter nests deeper than ${maxFilterDepth} levels`]]);
  });

  it(`caps size at ${maxFilterParts} parts`, () => {
    const big = { in: [v('ticket.status'), Array.from({ length: maxFilterParts }, (_, i) => `s${i}`)] };
    expect(problemsOf(big)).toEqual([['filter', `the filter is too large (more than ${maxFilterParts} parts)`]]);
    const wide = { or: Array.from({ length: maxFilterParts }, () => ({ '==': [v('ticket.status'), 'open'] })) };
    expect(problemsOf(wide)).toEqual([['filter', `the filter is too large (more than ${maxFilterParts} parts)`]]);
  });
});
