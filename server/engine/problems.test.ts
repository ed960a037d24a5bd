import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { formatPath, problemsFromZod } from './problems.ts';

describe('formatPath', () => {
  test.each<[PropertyKey[], string]>([
    [[], ''],
    [['sla'], 'sla'],
    [['categorise', 2, 'when'], 'categorise[2].when'],
    [['categorise', 0, 'when', '==', 0, 'var'], 'categorise[0].when.==[0].var'],
    [['form', 'fields', 1, 'options', 0], 'form.fields[1].options[0]'],
    [[0, 'a'], '[0].a'],
    [['priority', 'matrix', '*', 'high'], 'priority.matrix.*.high'],
  ])('%j → "%s"', (path, expected) => {
    expect(formatPath(path)).toBe(expected);
  });
});

describe('problemsFromZod', () => {
  const schema = z
    .object({
      name: z.string().min(1),
      tags: z.array(z.string()).min(1).max(2),
      kind: z.enum(['a', 'b']),
      count: z.number().max(3).optional(),
      nested: z.object({ ok: z.boolean() }).strict().optional(),
    })
    .strict();
  const problems = (input: unknown, prefix?: PropertyKey[]) => {
    const result = schema.safeParse(input);
    return result.success ? [] : problemsFromZod(result.error, prefix);
  };
  const valid = { name: 'x', tags: ['t'], kind: 'a' };

  test.each<[string, Record<string, unknown>, { path: string; message: string }[]]>([
    ['a missing value', { tags: ['t'], kind: 'a' }, [{ path: 'name', message: 'is required' }]],
    ['an empty string', { ...valid, name: '' }, [{ path: 'name', message: 'must not be empty' }]],
    ['a value not in the enum', { ...valid, kind: 'c' }, [{ path: 'kind', message: 'must be one of "a", "b"' }]],
    ['too few items', { ...valid, tags: [] }, [{ path: 'tags', message: 'needs at least 1 item(s)' }]],
    ['too many items', { ...valid, tags: ['a', 'b', 'c'] }, [{ path: 'tags', message: 'allows at most 2 item(s)' }]],
    ['a number too big', { ...valid, count: 4 }, [{ path: 'count', message: 'must be at most 3' }]],
    ['unknown keys, each at its own path', { ...valid, extra: 1, nested: { ok: true, more: 2 } }, [
      { path: 'nested.more', message: '"more" is not a setting here' },
      { path: 'extra', message: '"extra" is not a setting here' },
    ]],
    // zod 4 issues carry `input` only with `reportInput: true`: a present
    // value of the wrong type must not be described as "is required".
    ['a value of the wrong type', { ...valid, tags: 'one' }, [{ path: 'tags', message: 'must be a list' }]],
    ['a nested value of the wrong type', { ...valid, nested: { ok: 'yes' } }, [{ path: 'nested.ok', message: 'must be a boolean' }]],
  ])('describes %s', (_name, input, expected) => {
    expect(problems(input)).toEqual(expected);
  });

  test('puts the prefix in front of each path', () => {
    expect(problems({ ...valid, name: '', extra: 1 }, ['body', 0])).toEqual([
      { path: 'body[0].name', message: 'must not be empty' },
      { path: 'body[0].extra', message: '"extra" is not a setting here' },
    ]);
  });
});
