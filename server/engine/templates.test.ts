import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it, test } from 'vitest';
import {
  checkTemplate,
  formatTemplateFile,
  maxTemplateLength,
  parseTemplateFile,
  renderTemplate,
  type TemplateSource,
} from './templates.ts';

const body = (text: string): TemplateSource => ({ subject: 'Subject', body: text });

describe('checkTemplate: what a template may not do', () => {
  test.each<[string, string, number, number, RegExp]>([
    ['a partial', '{{> footer}}', 1, 1, /partials/],
    ['a partial block', 'a\n{{#> layout}}x{{/layout}}', 2, 1, /partials/],
    ['a decorator', '{{* deco}}', 1, 1, /decorators/],
    ['an inline partial (a decorator block)', '{{#* inline "x"}}y{{/inline}}', 1, 1, /decorators/],
    ['triple braces', 'Hi {{{ticket.title}}}', 1, 4, /unescaped output/],
    ['{{& }}', 'Hi\n  {{& ticket.title}}', 2, 3, /unescaped output/],
    ['constructor', '{{constructor}}', 1, 3, /"constructor" cannot be read/],
    ['this.constructor', 'x {{this.constructor}}', 1, 5, /"constructor" cannot be read/],
    ['@root.constructor', '{{@root.constructor}}', 1, 3, /"constructor" cannot be read/],
    ['[constructor] as a literal segment', '{{[constructor]}}', 1, 3, /"constructor" cannot be read/],
    ['__proto__', '{{ticket.__proto__}}', 1, 3, /"__proto__" cannot be read/],
    ['prototype', '{{ticket.prototype}}', 1, 3, /"prototype" cannot be read/],
    ['__defineGetter__', '{{__defineGetter__}}', 1, 3, /"__defineGetter__" cannot be read/],
    ['constructor inside #each', '{{#each items}}\n{{constructor.name}}{{/each}}', 2, 3, /"constructor" cannot be read/],
    ['constructor via @root inside #each', '{{#each a}}{{@root.x.constructor}}{{/each}}', 1, 14, /"constructor" cannot be read/],
    ['constructor as an #if condition', '{{#if constructor}}x{{/if}}', 1, 7, /"constructor" cannot be read/],
    ['constructor as a helper argument', '{{eq ticket.constructor 1}}', 1, 6, /"constructor" cannot be read/],
    ['an unknown helper', 'Hello\n\n  {{shout ticket.title}}', 3, 3, /"shout" is not a helper/],
    ['an unknown block helper', '{{#repeat 3}}x{{/repeat}}', 1, 1, /"repeat" is not a helper/],
  ])('refuses %s, at its line and column', (_name, text, line, column, message) => {
    const problems = checkTemplate(body(text));
    expect(problems).toEqual([{ part: 'body', line, column, message: expect.stringMatching(message) }]);
  });

  // Handlebars' compiler counts these as known helpers whatever knownHelpers
  // says, so they must be refused explicitly; `log` writes to the console.
  test.each([
    ['lookup', '{{lookup ticket "title"}}', 1],
    ['lookup in a subexpression', '{{#with (lookup this "ticket")}}{{number}}{{/with}}', 9],
    ['lookup as a helper argument', '{{date (lookup ticket "createdAt")}}', 8],
    ['log', '{{log "hello"}}', 1],
    ['log without arguments', '{{log}}', 1],
    ['helperMissing', '{{helperMissing "x"}}', 1],
    ['blockHelperMissing', '{{#blockHelperMissing x}}y{{/blockHelperMissing}}', 1],
  ])('refuses the built-in helper %s', (_name, text, column) => {
    expect(checkTemplate(body(text))).toEqual([
      { part: 'body', line: 1, column, message: expect.stringMatching(/is not a helper templates may use/) },
    ]);
  });

  test.each([
    ['an empty mustache on line 3', 'Hello,\nthere\nxy {{}}', 3, 6],
    ['a hash without a value', 'Hi {{date x tz=}}', 1, 16],
    ['an unclosed block on line 2 (at the end)', 'Hello,\n{{#if ticket}}x', 2, 16],
  ])('reports a parse error (%s) at its line and column', (_name, text, line, column) => {
    expect(checkTemplate(body(text))).toEqual([{ part: 'body', line, column, message: expect.any(String) }]);
  });

  it('reports a mismatched block', () => {
    expect(checkTemplate(body('{{#if a}}\n{{/unless}}'))).toEqual([
      { part: 'body', line: 1, column: 4, message: "if doesn't match unless" },
    ]);
  });

  it('names the part: subject problems come before body problems', () => {
    expect(checkTemplate({ subject: 'x {{{title}}}', body: 'y\n{{> p}}' })).toEqual([
      { part: 'subject', line: 1, column: 3, message: expect.stringMatching(/unescaped/) },
      { part: 'body', line: 2, column: 1, message: expect.stringMatching(/partials/) },
    ]);
  });

  it('reports every forbidden construct in a part', () => {
    expect(checkTemplate(body('{{> a}}\n{{{b}}}\n{{c.constructor}}')).map((p) => [p.line, p.column])).toEqual([
      [1, 1],
      [2, 1],
      [3, 3],
    ]);
  });

  it(`refuses a part longer than ${maxTemplateLength} characters`, () => {
    expect(checkTemplate(body('x'.repeat(maxTemplateLength)))).toEqual([]);
    expect(checkTemplate(body('x'.repeat(maxTemplateLength + 1)))).toEqual([
      { part: 'body', line: 1, column: 1, message: `the body is longer than ${maxTemplateLength} characters` },
    ]);
  });

  it('accepts the documented helpers and block helpers', () => {
    const text = [
      '{{#if (eq ticket.priority "P1")}}urgent{{else}}normal{{/if}}',
      '{{#unless assignee}}unassigned{{/unless}}',
      '{{date ticket.createdAt}} {{duration sla.resolutionMinutes}}',
      '{{#each ticket.fields}}{{@key}}: {{this}}{{/each}}',
      '{{#with ticket}}{{number}}{{/with}} {{../x}} {{@root.desk.name}}',
    ].join('\n');
    expect(checkTemplate({ subject: '[{{ticket.number}}] {{ticket.title}}', body: text })).toEqual([]);
  });
});

describe('renderTemplate', () => {
  it('escapes HTML in html but not in text (templates are plain text, so all of it is escaped)', () => {
    const out = renderTemplate(body('Title: {{title}} & more'), { title: `<b>"Tom" & 'Jerry'</b>` });
    expect(out.text).toBe(`Title: <b>"Tom" & 'Jerry'</b> & more`);
    expect(out.html).toBe('Title: &lt;b&gt;&quot;Tom&quot; &amp; &#x27;Jerry&#x27;&lt;/b&gt; &amp; more');
  });

  test.each([
    ['CRLF', 'VPN down\r\nBcc: everyone@example.com', 'Re: VPN down Bcc: everyone@example.com'],
    ['LF', 'a\nb', 'Re: a b'],
    ['CR', 'a\rb', 'Re: a b'],
    ['several line breaks', 'a\n\n\r\nb', 'Re: a b'],
    ['a trailing line break', 'a\n', 'Re: a'],
  ])('keeps the subject on one line (%s)', (_name, title, subject) => {
    const out = renderTemplate({ subject: 'Re: {{title}}', body: '' }, { title });
    expect(out.subject).toBe(subject);
    expect(out.subject).not.toMatch(/[\r\n]/);
  });

  it('does not HTML-escape the subject', () => {
    expect(renderTemplate({ subject: '{{t}}', body: '' }, { t: 'A & B <x>' }).subject).toBe('A & B <x>');
  });

  test.each(['{{constructor}}', '{{this.constructor}}', '{{@root.constructor}}', '{{#with this}}{{constructor.name}}{{/with}}'])(
    'refuses to render %s',
    (text) => {
      expect(() => renderTemplate(body(text), { ticket: {} })).toThrow(/"constructor" cannot be read/);
    },
  );

  it('reads no prototype members at run time', () => {
    const out = renderTemplate(body('[{{toString}}][{{valueOf}}][{{hasOwnProperty}}][{{ticket.__lookupSetter__}}]'), { ticket: {} });
    expect(out.text).toBe('[][][][]');
  });

  it('throws with the part, line and column of the first problem', () => {
    expect(() => renderTemplate(body('ok\n{{> footer}}'), {})).toThrow('body 2:1: partials ({{> name}}) are not allowed in notification templates');
  });

  test.each([
    [270, '4 h 30 min'],
    [1500, '1 d 1 h'],
    [45, '45 min'],
    [0, '0 min'],
    ['abc', ''],
  ])('{{duration %j}} is "%s"', (minutes, expected) => {
    expect(renderTemplate(body('{{duration m}}'), { m: minutes }).text).toBe(expected);
  });

  test.each([
    [undefined, '1 Jul 2026, 12:00'],
    [{ timeZone: 'Europe/London', locale: 'en' }, '1 Jul 2026, 13:00'],
    [{ timeZone: 'America/New_York' }, '1 Jul 2026, 08:00'],
  ])('{{date}} shows the time in the recipient\'s zone (%j)', (recipient, expected) => {
    expect(renderTemplate(body('{{date d}}'), { d: '2026-07-01T12:00:00Z', recipient }).text).toBe(expected);
  });

  test.each([['not a date'], [5], [null]])('{{date %j}} is empty', (value) => {
    expect(renderTemplate(body('{{date d}}'), { d: value }).text).toBe('');
  });

  it('compares with eq', () => {
    const t = body('{{#if (eq kind "incident")}}report{{else}}request{{/if}}');
    expect(renderTemplate(t, { kind: 'incident' }).text).toBe('report');
    expect(renderTemplate(t, { kind: 'request' }).text).toBe('request');
  });
});

describe('template files', () => {
  test.each([
    'Plain subject',
    '[{{ticket.number}}] {{ticket.title}}',
    'With "quotes", a \\ backslash and {{#if (eq a "b")}}x{{/if}}',
    '',
    ' leading and trailing ',
    '---',
    'subject: inside',
    'Ünïcödé ✓',
    // U+2028 is not escaped by JSON.stringify, and "." in parseTemplateFile's
    // a /^".*"$/ test would not match it and keep the quotes.
    'line\u2028separator',
  ])('round trips the subject %j', (subject) => {
    const source = { subject, body: 'Hello {{requester.name}},\n' };
    expect(parseTemplateFile(formatTemplateFile(source))).toEqual(source);
  });

  test.each(['', 'one line', '\nstarts with a blank line', '\r\nstarts with CRLF', 'a\r\nb\r\n', '---\nlooks like front matter\n---\n', 'ends without newline'])(
    'round trips the body %j',
    (text) => {
      const source = { subject: 'S', body: text };
      expect(parseTemplateFile(formatTemplateFile(source))).toEqual(source);
    },
  );

  it('writes the subject as a quoted front-matter line', () => {
    expect(formatTemplateFile({ subject: 'Re: "x"', body: 'B' })).toBe('---\nsubject: "Re: \\"x\\""\n---\nB');
  });

  test.each([
    ['an unquoted subject', '---\nsubject: Hello {{name}}\n---\nBody', { subject: 'Hello {{name}}', body: 'Body' }],
    ['CRLF line ends', '---\r\nsubject: "S"\r\n---\r\nBody\r\n', { subject: 'S', body: 'Body\r\n' }],
    ['other front-matter keys', '---\ntitle: x\nsubject: "S"\n---\nB', { subject: 'S', body: 'B' }],
    ['no subject key', '---\ntitle: x\n---\nB', { subject: '', body: 'B' }],
    ['no front matter', 'Just a body\n', { subject: '', body: 'Just a body\n' }],
  ])('parses %s', (_name, file, expected) => {
    expect(parseTemplateFile(file)).toEqual(expected);
  });

  describe('the shipped templates', () => {
    const dir = new URL('../../templates/en/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.hbs'));

    it('exist', () => {
      expect(files.length).toBeGreaterThan(0);
    });

    test.each(files)('%s has a subject and passes checkTemplate', (file) => {
      const source = parseTemplateFile(readFileSync(new URL(file, dir), 'utf8'));
      expect(source.subject).not.toBe('');
      expect(checkTemplate(source)).toEqual([]);
    });
  });
});
