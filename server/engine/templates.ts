/**
 * Notification templates: Handlebars in an isolated instance, with a fixed
 * helper allow-list, no partials, no unescaped output, prototype access off.
 * A template is checked once at save time (with line and column) and
 * compiled once per source text.
 */
import Handlebars from 'handlebars';

export const maxTemplateLength = 64 * 1024;

/** A template as stored: the subject line and the body, both Handlebars. */
export interface TemplateSource {
  subject: string;
  body: string;
}

export interface TemplateProblem {
  /** `subject` or `body`. */
  part: keyof TemplateSource;
  line: number;
  column: number;
  message: string;
}

export interface RenderedMessage {
  subject: string;
  /** Plain text. */
  text: string;
  /** The same body, HTML-escaped as a whole, for the HTML part of an e-mail. */
  html: string;
}

type ParseErrorHash = { text?: string; token?: string; loc?: { first_line: number; first_column: number } };
type ParserWithErrors = { parseError: (message: string, hash: ParseErrorHash) => never };

const tokenNames: Record<string, string> = {
  EOF: 'the end of the template',
  CLOSE: '"}}"',
  CLOSE_UNESCAPED: '"}}}"',
  OPEN: '"{{"',
  OPEN_BLOCK: '"{{#"',
  OPEN_ENDBLOCK: '"{{/"',
  INVALID: 'a character that does not belong there',
};

/** Says in words what the parser stumbled on. */
function describeToken(hash: ParseErrorHash): string {
  if (hash.token === 'INVALID' && hash.text) return `"${hash.text}" where it does not belong`;
  return tokenNames[hash.token ?? ''] ?? (hash.text ? `"${hash.text}"` : 'something unexpected');
}

// Handlebars' generated parser throws a bare Error on a syntax error; keep the
// location it knows so an admin is told the line and column.
(Handlebars as unknown as { Parser: ParserWithErrors }).Parser.parseError = function (this: { lexer?: { yylloc?: ParseErrorHash['loc'] } }, message, hash) {
  const error = new Error(message) as Error & { location?: { line: number; column: number; found: string } };
  // The lexer knows where the offending token starts; the hash only the token before it.
  const loc = this?.lexer?.yylloc ?? hash?.loc;
  if (loc) error.location = { line: loc.first_line, column: loc.first_column + 1, found: describeToken(hash) };
  throw error;
};

const handlebars = Handlebars.create();

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** Building an Intl.DateTimeFormat costs far more than using one: keep one per locale and zone. */
function dateFormat(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let format = dateFormats.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
    } catch {
      format = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
    }
    if (dateFormats.size > 200) dateFormats.clear();
    dateFormats.set(key, format);
  }
  return format;
}

const helpers: Record<string, Handlebars.HelperDelegate> = {
  /** `{{date ticket.createdAt}}` → "22 Nov 2026, 14:05" in the desk's (or recipient's) time zone. */
  date(value: unknown, options: Handlebars.HelperOptions) {
    if (typeof value !== 'string' && !(value instanceof Date)) return '';
    const when = new Date(value);
    if (Number.isNaN(when.getTime())) return '';
    const root = options.data?.root as { recipient?: { timeZone?: string; locale?: string } } | undefined;
    const timeZone = root?.recipient?.timeZone ?? 'UTC';
    const locale = root?.recipient?.locale ?? 'en';
    return dateFormat(locale, timeZone).format(when);
  },
  /** `{{duration 270}}` (minutes) → "4 h 30 min". */
  duration(value: unknown) {
    const minutes = Number(value);
    if (!Number.isFinite(minutes)) return '';
    const days = Math.floor(minutes / 1440);
    const hours = Math.floor((minutes % 1440) / 60);
    const rest = Math.round(minutes % 60);
    return [days && `${days} d`, hours && `${hours} h`, rest && `${rest} min`].filter(Boolean).join(' ') || '0 min';
  },
  /** `{{#if (eq ticket.priority "P1")}}`. */
  eq(a: unknown, b: unknown) {
    return a === b;
  },
};
for (const [name, helper] of Object.entries(helpers)) handlebars.registerHelper(name, helper);

/** How long rendering one message may take; a template that loops for longer fails instead of stalling the desk. */
export const maxRenderMs = 250;
/** The longest text one message may render to. */
export const maxRenderedLength = 256 * 1024;

let renderDeadline = Number.POSITIVE_INFINITY;
let iterations = 0;

// {{#each}} is the only loop a template can have (no partials, no recursion), so
// checking the clock as it iterates bounds a render: nested loops over the
// same list multiply, and eight levels over eight fields run for minutes.
const builtInEach = handlebars.helpers.each!;
handlebars.registerHelper('each', function (this: unknown, context: unknown, options: Handlebars.HelperOptions) {
  const fn = options.fn;
  const timed = Object.assign((value: unknown, runtime?: Handlebars.RuntimeOptions) => {
    iterations += 1;
    if (iterations % 256 === 0 && Date.now() > renderDeadline) {
      throw new Error(`the template took longer than ${maxRenderMs} ms to render (loops inside loops?)`);
    }
    return fn(value, runtime);
  }, fn);
  return builtInEach.call(this, context, { ...options, fn: timed });
});

/** Helpers a template may call: ours plus Handlebars' block helpers. */
export const allowedHelpers = ['date', 'duration', 'eq', 'if', 'unless', 'each', 'with'] as const;

/** How each allowed helper is written, for the template editor's list (typed over the allow-list, so neither can drift). */
export const helperGuide: Record<(typeof allowedHelpers)[number], { usage: string; description: string }> = {
  date: { usage: '{{date ticket.createdAt}}', description: "A timestamp as a date and time, in the recipient's time zone and language" },
  duration: { usage: '{{duration sla.resolutionMinutes}}', description: 'Minutes in words, e.g. 4 h 30 min' },
  eq: { usage: '{{#if (eq ticket.priority "P1")}}…{{/if}}', description: 'Whether two values are equal, inside ( )' },
  if: { usage: '{{#if ticket.category}}…{{else}}…{{/if}}', description: 'Only when a value is there' },
  unless: { usage: '{{#unless assignee}}…{{/unless}}', description: 'Only when a value is missing' },
  each: { usage: '{{#each ticket.fields.software}}{{this}}{{/each}}', description: 'Once for each item of a list' },
  with: { usage: '{{#with ticket.queue}}{{name}}{{/with}}', description: 'Inside one part of the context' },
};
const knownHelpers = Object.fromEntries(allowedHelpers.map((h) => [h, true]));
/** Handlebars' own helpers that are always "known" to its compiler, so they are refused here. */
const builtInHelpers = new Set(['log', 'lookup', 'helperMissing', 'blockHelperMissing']);

interface Located {
  loc?: { start: { line: number; column: number } };
}

/** Walks the parsed template and refuses what an admin's template must not do. */
function forbiddenConstructs(program: hbs.AST.Program): { line: number; column: number; message: string }[] {
  const problems: { line: number; column: number; message: string }[] = [];
  const at = (node: Located) => ({ line: node.loc?.start.line ?? 1, column: (node.loc?.start.column ?? 0) + 1 });
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; escaped?: boolean; path?: { original?: unknown; parts?: unknown[] } } & Located;
    switch (n.type) {
      case 'PartialStatement':
      case 'PartialBlockStatement':
        problems.push({ ...at(n), message: 'partials ({{> name}}) are not allowed in notification templates' });
        break;
      case 'DecoratorBlock':
      case 'Decorator':
        problems.push({ ...at(n), message: 'decorators ({{* name}}) are not allowed in notification templates' });
        break;
      case 'MustacheStatement':
      case 'BlockStatement':
      case 'SubExpression': {
        if (n.type === 'MustacheStatement' && n.escaped === false) {
          problems.push({ ...at(n), message: 'unescaped output ({{{ }}} or {{& }}) is not allowed: use {{ }}' });
        }
        const call = n as { params?: unknown[]; hash?: unknown; path?: { type?: string; original?: unknown; parts?: unknown[] } };
        const name = call.path?.type === 'PathExpression' && call.path.parts?.length === 1 ? String(call.path.original) : undefined;
        const isCall = n.type !== 'MustacheStatement' || (call.params?.length ?? 0) > 0 || call.hash !== undefined || builtInHelpers.has(name ?? '');
        if (isCall && name !== undefined && !(allowedHelpers as readonly string[]).includes(name)) {
          problems.push({ ...at(n), message: `"${name}" is not a helper templates may use; use one of ${allowedHelpers.join(', ')}` });
        }
        break;
      }
      case 'PathExpression': {
        const parts = (n.path ?? n) as { parts?: unknown[] };
        const bad = (parts.parts ?? []).find((p) => p === '__proto__' || p === 'constructor' || p === 'prototype' || p === '__defineGetter__' || p === '__lookupGetter__');
        if (bad) problems.push({ ...at(n), message: `"${String(bad)}" cannot be read in a template` });
        break;
      }
    }
    for (const value of Object.values(n)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object' && value !== n.loc) visit(value);
    }
  };
  visit(program);
  return problems;
}

function checkPart(part: keyof TemplateSource, source: string): TemplateProblem[] {
  if (source.length > maxTemplateLength) {
    return [{ part, line: 1, column: 1, message: `the ${part} is longer than ${maxTemplateLength} characters` }];
  }
  let program: hbs.AST.Program;
  try {
    program = handlebars.parse(source);
  } catch (error) {
    const e = error as Error & { location?: { line: number; column: number; found: string }; lineNumber?: number; column?: number };
    if (e.location) {
      return [{ part, line: e.location.line, column: e.location.column, message: `the template cannot be read here: found ${e.location.found}` }];
    }
    // Errors Handlebars raises itself, e.g. "if doesn't match each - 1:5".
    const message = e.message.split('\n')[0]!.replace(/ - \d+:\d+$/, '');
    return [{ part, line: e.lineNumber ?? 1, column: (e.column ?? 0) + 1, message }];
  }
  const problems = forbiddenConstructs(program).map((p) => ({ part, ...p }));
  if (problems.length) return problems;
  try {
    // Compiling also checks helper names against the allow-list.
    handlebars.precompile(program, { knownHelpers, knownHelpersOnly: true, strict: false });
  } catch (error) {
    const e = error as Error & { lineNumber?: number; column?: number };
    return [{ part, line: e.lineNumber ?? 1, column: (e.column ?? 0) + 1, message: e.message.replace(/ - \d+:\d+$/, '') }];
  }
  return [];
}

/** Every problem in a template, each with the part, line and column; empty when it may be saved. */
export function checkTemplate(source: TemplateSource): TemplateProblem[] {
  return [...checkPart('subject', source.subject), ...checkPart('body', source.body)];
}

type Compiled = { subject: HandlebarsTemplateDelegate; text: HandlebarsTemplateDelegate };
const compiledCache = new Map<string, Compiled>();
const maxCached = 500;

function compiled(source: TemplateSource): Compiled {
  const key = `${source.subject}\u0000${source.body}`;
  let entry = compiledCache.get(key);
  if (!entry) {
    const problems = checkTemplate(source);
    if (problems.length) {
      const p = problems[0]!;
      throw new Error(`${p.part} ${p.line}:${p.column}: ${p.message}`);
    }
    const options = { knownHelpers, knownHelpersOnly: true, strict: false };
    entry = {
      subject: handlebars.compile(source.subject, { ...options, noEscape: true }),
      text: handlebars.compile(source.body, { ...options, noEscape: true }),
    };
    if (compiledCache.size >= maxCached) compiledCache.delete(compiledCache.keys().next().value!);
    compiledCache.set(key, entry);
  }
  return entry;
}

const runtimeOptions: Handlebars.RuntimeOptions = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
};

/**
 * Renders a template against plain data. The subject is one line of text
 * (CR/LF removed, so no header can be injected); the body comes as text and
 * as escaped HTML. Throws when the template is not valid, takes longer than
 * `maxRenderMs` or renders to more than `maxRenderedLength` characters.
 */
export function renderTemplate(source: TemplateSource, context: Record<string, unknown>): RenderedMessage {
  const template = compiled(source);
  // Rendering is synchronous, so one deadline at a time is enough.
  renderDeadline = Date.now() + maxRenderMs;
  iterations = 0;
  let text: string;
  let subject: string;
  try {
    text = template.text(context, runtimeOptions);
    subject = template.subject(context, runtimeOptions);
  } finally {
    renderDeadline = Number.POSITIVE_INFINITY;
  }
  if (text.length > maxRenderedLength || subject.length > maxRenderedLength) {
    throw new Error(`the message is longer than ${maxRenderedLength} characters once rendered`);
  }
  return {
    subject: subject.replace(/[\r\n]+/g, ' ').trim(),
    text,
    // Templates are plain text, so escaping the whole rendered text escapes
    // every value and reads the same; one render instead of two.
    html: handlebars.escapeExpression(text),
  };
}

/** Splits a template file (`---\nsubject: …\n---\nbody`) into its parts. */
export function parseTemplateFile(file: string): TemplateSource {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(file);
  if (!match) return { subject: '', body: file };
  const subjectLine = match[1]!.split(/\r?\n/).find((l) => /^subject:/.test(l)) ?? 'subject:';
  let subject = subjectLine.replace(/^subject:\s*/, '');
  if (/^"[\s\S]*"$/.test(subject)) subject = JSON.parse(subject) as string;
  return { subject, body: match[2]! };
}

/** The file form of a template, the inverse of `parseTemplateFile`. */
export function formatTemplateFile(source: TemplateSource): string {
  return `---\nsubject: ${JSON.stringify(source.subject)}\n---\n${source.body}`;
}
