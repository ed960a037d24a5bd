/**
 * A template problem as the desk reports it (`errors[].path` is
 * `<part>:<line>:<column>`, see docs/templates.md) turned into a place in
 * the editor, and back: the offset of a line and column in a text, and the
 * line and column of an offset.
 */
import type { FieldProblem } from '../api/problem.ts';

export type TemplatePart = 'subject' | 'body';

export interface TemplateProblem {
  part: TemplatePart;
  line: number;
  column: number;
  /** What is wrong, without the desk's English "line 3, column 7: " prefix (the editor says where in the admin's language). */
  message: string;
}

/** The problem at a place, or null for one that has no place in the text (e.g. a render failure). */
export function placeOf(p: FieldProblem): TemplateProblem | null {
  const m = /^(subject|body):(\d+):(\d+)$/.exec(p.path);
  if (!m) return null;
  return { part: m[1] as TemplatePart, line: Number(m[2]), column: Number(m[3]), message: p.message.replace(/^line \d+, column \d+: /, '') };
}

/** The offset of a line and column (both from 1) in a text, clamped to the text. */
export function offsetOf(text: string, line: number, column: number): number {
  const lines = text.split('\n');
  const l = Math.min(Math.max(line, 1), lines.length);
  let offset = 0;
  for (let i = 0; i < l - 1; i++) offset += lines[i]!.length + 1;
  return offset + Math.min(Math.max(column - 1, 0), lines[l - 1]!.length);
}

/** The line and column (both from 1) of an offset in a text. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}
