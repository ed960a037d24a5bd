/**
 * What is wrong with something a person gave us, said at the exact place:
 * `categorise[2].when`, `fields.email`. Shared by workflow validation, form
 * validation and the HTTP layer's input checks.
 */
import type { z } from 'zod';

export interface Problem {
  path: string;
  message: string;
}

/** `["categorise", 2, "when"]` → `categorise[2].when`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      // zod keeps the input only when asked to; its message says what it received.
      if (('input' in issue && issue.input === undefined) || / received undefined$/.test(issue.message)) return 'is required';
      return `must be ${issue.expected === 'object' ? 'an object' : issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'array' ? `needs at least ${String(issue.minimum)} item(s)` : issue.origin === 'string' ? (Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${String(issue.minimum)} characters`) : `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string' ? `must be at most ${String(issue.maximum)} characters` : issue.origin === 'array' ? `allows at most ${String(issue.maximum)} item(s)` : `must be at most ${String(issue.maximum)}`;
    case 'invalid_union':
      return 'does not match any of the accepted shapes';
    default:
      return issue.message;
  }
}

/** One problem per zod issue; an unknown key is reported at its own path. */
export function problemsFromZod(error: z.ZodError, prefix: readonly PropertyKey[] = []): Problem[] {
  const problems: Problem[] = [];
  // A value of the wrong type gets one problem, not also every check zod ran on it anyway.
  const wrongType = new Set(error.issues.filter((i) => i.code === 'invalid_type').map((i) => formatPath(i.path)));
  for (const issue of error.issues) {
    if (issue.code !== 'invalid_type' && wrongType.has(formatPath(issue.path))) continue;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({ path: formatPath([...prefix, ...issue.path, key]), message: `"${key}" is not a setting here` });
      }
      continue;
    }
    problems.push({ path: formatPath([...prefix, ...issue.path]), message: describeIssue(issue) });
  }
  return problems;
}
