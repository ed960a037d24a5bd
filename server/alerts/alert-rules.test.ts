import { describe, expect, it, test } from 'vitest';
import { decide, genericAlerts, logText, mapAlert, mappingProblems, safeLink, type KnownAlert } from './alert-rules.ts';
import { alertMapping } from './alerts.schema.ts';

const now = new Date('2026-12-03T10:00:00Z');
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();
const known = (k: Partial<KnownAlert>): KnownAlert => ({ status: 'firing', review: null, ticketId: 7, ticketClass: 'new', resolvedAt: null, ...k });

describe('decide', () => {
  test.each([
    ['nothing tracked, firing', undefined, 'firing', 'new'],
    ['nothing tracked, resolved', undefined, 'resolved', 'note'],
    ['open incident, firing again', known({}), 'firing', 'again'],
    ['open incident, resolved', known({}), 'resolved', 'resolve'],
    ['open incident already resolved, resolved again', known({ status: 'resolved', resolvedAt: ago(1) }), 'resolved', 'note'],
    ['open incident (worked, not resolved) fires after resolving', known({ status: 'resolved', resolvedAt: ago(60) }), 'firing', 'again'],
    ['resolved incident, fires within the flap window', known({ ticketClass: 'resolved', status: 'resolved', resolvedAt: ago(5) }), 'firing', 'reopen'],
    ['resolved incident, fires after the flap window', known({ ticketClass: 'resolved', status: 'resolved', resolvedAt: ago(11) }), 'firing', 'new'],
    ['closed incident, resolved alert again', known({ ticketClass: 'closed', status: 'resolved', resolvedAt: ago(1) }), 'resolved', 'note'],
    ['awaiting validation, firing again', known({ review: 'awaiting', ticketId: null, ticketClass: null }), 'firing', 'again'],
    ['awaiting validation, resolved', known({ review: 'awaiting', ticketId: null, ticketClass: null }), 'resolved', 'note'],
    ['dismissed and still firing', known({ review: 'dismissed', ticketId: null, ticketClass: null }), 'firing', 'again'],
    ['dismissed, resolved long ago, fires again', known({ review: 'dismissed', ticketId: null, ticketClass: null, status: 'resolved', resolvedAt: ago(60) }), 'firing', 'new'],
  ] as const)('%s → %s', (_name, k, status, kind) => {
    expect(decide(k, status, now, 10).kind).toBe(kind);
  });
});

describe('mapAlert', () => {
  const alert = { data: { status: 'firing', fingerprint: 'abc', labels: { alertname: 'Down', severity: 'critical' }, annotations: { summary: 'Host down' }, generatorURL: 'http://p/graph', startsAt: 't' }, raw: {} };

  it('fills fields from the rules, keys Alertmanager alerts by fingerprint, and leaves out empty values', () => {
    const mapping = alertMapping.parse({ fields: { summary: { var: 'annotations.summary' }, details: { var: 'annotations.description' } }, validate: { '==': [{ var: 'labels.severity' }, 'info'] } });
    expect(mapAlert(mapping, 'alertmanager', alert)).toMatchObject({ ok: true, dedupKey: 'abc', status: 'firing', fields: { summary: 'Host down' }, validate: false, labels: alert.data.labels });
  });

  it('fails a generic alert without a dedup key, and an empty key, without throwing', () => {
    expect(mapAlert(alertMapping.parse({}), 'generic', alert)).toMatchObject({ ok: false, error: 'the source has no dedupKey rule' });
    expect(mapAlert(alertMapping.parse({ dedupKey: { var: 'nothing' } }), 'generic', alert)).toMatchObject({ ok: false, error: 'the dedup key came out empty' });
  });

  it('reads the status of a generic alert by its rule', () => {
    const mapping = alertMapping.parse({ dedupKey: { var: 'id' }, status: { if: [{ var: 'ok' }, 'resolved', 'firing'] } });
    expect(mapAlert(mapping, 'generic', { data: { id: 1, ok: true }, raw: {} })).toMatchObject({ ok: true, dedupKey: '1', status: 'resolved' });
  });
});

describe('mappingProblems', () => {
  it('names the path of each bad rule and of fields the form lacks', () => {
    const mapping = alertMapping.parse({ fields: { summary: { var: 'x' }, ghost: true }, dedupKey: { log: 1 } });
    expect(mappingProblems(mapping, new Set(['summary']))).toEqual([
      { path: 'mapping.fields.ghost', message: `the workflow's form has no field "ghost"` },
      { path: 'mapping.dedupKey', message: '"log" is not a rule operator this desk knows' },
    ]);
  });
});

test.each([
  ['https://grafana.example.org/d/1', 'https://grafana.example.org/d/1'],
  ['http://prometheus:9090/graph?g0.expr=up', 'http://prometheus:9090/graph?g0.expr=up'],
  ['javascript:alert(1)', null],
  ['data:text/html,<script>', null],
  ['/graph?g0.expr=up', null],
  ['', null],
])('safeLink(%j) is %j', (url, expected) => {
  expect(safeLink(url)).toBe(expected);
});

it('cuts the logged alert at the cap', () => {
  expect(logText({ a: 'x'.repeat(100) }, 20)).toEqual({ text: '{"a":"xxxxxxxxxxxxxx', truncated: true });
  expect(logText({ a: 1 }, 20)).toEqual({ text: '{"a":1}', truncated: false });
});

it('reads generic payloads as a list, an object with alerts, or one alert', () => {
  expect(genericAlerts([{ a: 1 }, { a: 2 }]).map((x) => x.data)).toEqual([{ a: 1 }, { a: 2 }]);
  expect(genericAlerts({ alerts: [{ a: 1 }] }).map((x) => x.data)).toEqual([{ a: 1 }]);
  expect(genericAlerts({ a: 1 }).map((x) => x.data)).toEqual([{ a: 1 }]);
});
