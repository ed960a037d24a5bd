/**
 * Structured logs: one JSON object per line on stdout, at or above the
 * level LOG_LEVEL names. Every field passes through `redact` first, so a
 * password, token, cookie or the credentials in a URL never reach the log,
 * whoever logs them.
 */
export const logLevels = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

export type LogFields = Record<string, unknown>;

export interface Logger {
  readonly level: LogLevel;
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line. */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Where each line goes (without its newline); stdout by default. */
  write?: (line: string) => void;
  now?: () => Date;
}

const masked = '[redacted]';
/** Keys whose values are secrets whatever they hold. */
const secretKey = /pass(word|phrase)?|secret|token|cookie|authori[sz]ation|api[-_]?key|session|credential|smtp[-_]?url/i;
/** `scheme://user:password@host` → `scheme://[redacted]@host`. */
const urlCredentials = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]*(:[^\s/@]*)?@/gi;
const bearer = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;
/** `password=…`, `token: …`, `deskwright_session=…` inside a message. */
const secretAssignment = /\b([\w-]*(?:pass(?:word)?|secret|token|session|api[-_]?key)[\w-]*)(["']?\s*[=:]\s*["']?)[^\s"'&;,]+/gi;

function redactString(text: string): string {
  return text
    .replace(urlCredentials, (_m, scheme: string) => `${scheme}${masked}@`)
    .replace(bearer, (_m, scheme: string) => `${scheme} ${masked}`)
    .replace(secretAssignment, (_m, key: string, sep: string) => `${key}${sep}${masked}`);
}

/** A copy of `value` with every secret masked: by its key, or by its shape inside a string. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6) return '[too deep]';
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return {
      name: value.name,
      message: redactString(value.message),
      ...(code !== undefined ? { code: String(code) } : {}),
      ...(value.stack ? { stack: redactString(value.stack) } : {}),
      ...(value.cause !== undefined ? { cause: redact(value.cause, depth + 1) } : {}),
    };
  }
  if (value instanceof URL) return redactString(value.href);
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = secretKey.test(key) && v != null && v !== '' ? masked : redact(v, depth + 1);
  return out;
}

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export function createLogger(options: LoggerOptions = {}, bound: LogFields = {}): Logger {
  const level = options.level ?? 'info';
  const write = options.write ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const now = options.now ?? (() => new Date());
  const log = (at: Exclude<LogLevel, 'silent'>) => (msg: string, fields: LogFields = {}) => {
    if (rank[at] < rank[level]) return;
    const record = { time: now().toISOString(), level: at, msg: redactString(msg), ...(redact({ ...bound, ...fields }) as LogFields) };
    let line: string;
    try {
      line = JSON.stringify(record);
    } catch {
      line = JSON.stringify({ time: record.time, level: at, msg: record.msg, note: 'fields could not be serialised' });
    }
    write(line);
  };
  return {
    level,
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: (fields) => createLogger(options, { ...bound, ...fields }),
  };
}
