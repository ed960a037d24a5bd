/**
 * The template editor's placing of the desk's problems: a problem path
 * `part:line:column` becomes a place, and a line and column an offset in
 * the text (and back), so the caret lands on the character the desk means.
 */
import { describe, expect, it } from 'vitest';
import { checkTemplate } from '../../server/engine/templates.ts';
import { offsetOf, placeOf, positionOf } from '../../ui/src/lib/templates/template-problems.ts';

describe('placeOf', () => {
  it.each([
    [{ path: 'body:3:28', message: 'line 3, column 28: found the end of the template' }, { part: 'body', line: 3, column: 28, message: 'found the end of the template' }],
    [{ path: 'subject:1:5', message: 'line 1, column 5: partials are not allowed' }, { part: 'subject', line: 1, column: 5, message: 'partials are not allowed' }],
    [{ path: 'template', message: 'Must pass iterator to #each' }, null],
    [{ path: 'ticketId', message: 'ticket 9 does not exist' }, null],
    [{ path: 'body:x:1', message: 'x' }, null],
  ])('%j → %j', (problem, place) => {
    expect(placeOf(problem)).toEqual(place);
  });
});

describe('offsetOf and positionOf', () => {
  const text = 'Hello,\n{{#if x}}\nUrgent';
  it.each([
    [1, 1, 0],
    [1, 7, 6],
    [2, 1, 7],
    [3, 7, 23],
    // Beyond a line's end or the last line: clamped to the text.
    [2, 99, 16],
    [9, 1, 17],
  ])('line %i column %i is offset %i', (line, column, offset) => {
    expect(offsetOf(text, line, column)).toBe(offset);
  });

  it('round-trips every offset', () => {
    for (let i = 0; i <= text.length; i++) {
      const { line, column } = positionOf(text, i);
      expect(offsetOf(text, line, column)).toBe(i);
    }
  });

  it.each([
    // A missing "}": the desk names the lone "}" it found.
    ['Hello,\n\nYour ticket {{ticket.number}\nis logged.', '}\nis logged.'],
    // A block never closed: the end of the template.
    ['Hello {{requester.name}},\n{{#if ticket.priority}}\nUrgent: {{ticket.priority}}', ''],
    // A partial: where it starts.
    ['one\ntwo\n  {{> footer}}', '{{> footer}}'],
  ])("puts the caret on what the desk's problem is about in %j", (body, rest) => {
    const [problem] = checkTemplate({ subject: 's', body });
    expect(body.slice(offsetOf(body, problem!.line, problem!.column))).toBe(rest);
  });
});
