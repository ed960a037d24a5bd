import { describe, expect, it } from 'vitest';
import { createLogger, redact, type LogLevel } from './logger.ts';

const capture = (level?: LogLevel) => {
  const lines: string[] = [];
  const log = createLogger({ ...(level ? { level } : {}), write: (l) => lines.push(l), now: () => new Date('2026-12-03T10:00:00Z') });
  return { log, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
};

describe('redact', () => {
  it.each([
    ['a password field', { email: 'a@example.com', password: 'hunter2hunter2' }, { email: 'a@example.com', password: '[redacted]' }],
    ['headers with a token and a cookie', { headers: { authorization: 'Bearer dw_abc123', cookie: 'deskwright_session=s3cr3t' } }, { headers: { authorization: '[redacted]', cookie: '[redacted]' } }],
    ['an SMTP URL by its key', { smtpUrl: 'smtp://desk:pw@mail.example.org:587' }, { smtpUrl: '[redacted]' }],
    ['URL credentials inside any string', { note: 'cannot reach smtps://desk:pw%40x@mail.example.org:465 now' }, { note: 'cannot reach smtps://[redacted]@mail.example.org:465 now' }],
    ['a bearer token inside a message', { detail: 'sent Authorization: Bearer dw_abc.def-123' }, { detail: 'sent Authorization: Bearer [redacted]' }],
    ['assignments inside a message', { detail: 'login failed for password=hunter2 and deskwright_session=abc' }, { detail: 'login failed for password=[redacted] and deskwright_session=[redacted]' }],
    ['nested in arrays', { items: [{ token: 'x' }, 'ok'] }, { items: [{ token: '[redacted]' }, 'ok'] }],
    ['an absent secret stays absent', { password: null, token: '' }, { password: null, token: '' }],
    ['ordinary fields untouched', { requestId: 'r1', method: 'POST', path: '/api/auth/login', status: 200 }, { requestId: 'r1', method: 'POST', path: '/api/auth/login', status: 200 }],
  ])('masks %s', (_name, input, output) => {
    expect(redact(input)).toEqual(output);
  });

  it('masks an error’s message and stack, keeping its name and code', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED smtp://desk:topsecret@10.0.0.5:25'), { code: 'ECONNREFUSED' });
    const out = redact(error) as Record<string, string>;
    expect(out).toMatchObject({ name: 'Error', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED smtp://[redacted]@10.0.0.5:25' });
    expect(JSON.stringify(out)).not.toContain('topsecret');
  });
});

describe('createLogger', () => {
  it('writes one JSON object per line with time, level and message, secrets masked', () => {
    const { log, lines, records } = capture();
    log.info('desk started', { smtpUrl: 'smtp://u:p@h:25', url: 'http://localhost:8080' });
    log.child({ requestId: 'abc' }).error('request failed', { error: new Error('token=zzz') });
    expect(lines).toHaveLength(2);
    expect(records()[0]).toEqual({ time: '2026-12-03T10:00:00.000Z', level: 'info', msg: 'desk started', smtpUrl: '[redacted]', url: 'http://localhost:8080' });
    expect(records()[1]).toMatchObject({ level: 'error', requestId: 'abc', error: { message: 'token=[redacted]' } });
  });

  it.each([
    ['debug', ['debug', 'info', 'warn', 'error']],
    ['info', ['info', 'warn', 'error']],
    ['warn', ['warn', 'error']],
    ['error', ['error']],
    ['silent', []],
  ] as const)('at LOG_LEVEL=%s writes %j', (level, written) => {
    const { log, records } = capture(level);
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(records().map((r) => r.level)).toEqual(written);
  });
});
