import { describe, expect, it } from 'vitest';
import { excerpt, renderMarkdown } from './markdown.ts';
import { knowledgeMatch, queryWords } from './search-query.ts';

describe('knowledgeMatch', () => {
  it.each([
    ['vpn disconnects', '"vpn" OR "disconnects"*'],
    ['reset my password ', '"reset" OR "password"'],
    ['"unbalanced', '"unbalanced"*'],
    ['NEAR(a b) * AND', '"near" OR "b"'],
    ['***', null],
    ['', null],
  ])('%j → %j', (typed, expected) => {
    expect(knowledgeMatch(typed)).toBe(expected);
  });

  it('keeps common words when they are all there is', () => {
    expect(queryWords('how to')).toEqual(['how', 'to']);
  });
});

describe('renderMarkdown', () => {
  it('renders Markdown and keeps http, https and mailto links', () => {
    const html = renderMarkdown('# Title\n\nSee [docs](https://example.org/a) or [mail](mailto:desk@example.org).');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<a href="https://example.org/a" rel="noopener noreferrer nofollow">docs</a>');
    expect(html).toContain('href="mailto:desk@example.org"');
  });

  it.each([
    '<script>alert(1)</script>',
    '<iframe src="https://evil.example"></iframe>',
    '<img src=x onerror=alert(1)>',
    '[click](javascript:alert(1))',
    '[click](JAVASCRIPT:alert(1))',
    '![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)',
    '[x](data:text/html,<script>alert(1)</script>)',
    '<a href="#" onclick="alert(1)">x</a>',
  ])('renders %j inert', (markdown) => {
    // Escaped text may say anything; what matters is the markup itself.
    const tags = renderMarkdown(markdown).match(/<[^>]+>/g) ?? [];
    expect(tags.length).toBeGreaterThan(0);
    for (const tag of tags) {
      expect(tag).toMatch(/^<\/?(p|a|em|strong)[\s>]/);
      expect(tag).not.toMatch(/\son\w+=|javascript:|data:/i);
    }
  });

  it('shows raw HTML as the text it is', () => {
    expect(renderMarkdown('<b>bold</b>')).toContain('&lt;b&gt;bold&lt;/b&gt;');
  });
});

describe('excerpt', () => {
  it('starts near the first word of the query', () => {
    const body = `${'intro words '.repeat(40)}the printer needs toner now`;
    expect(excerpt(body, ['toner'], 60)).toContain('toner');
  });
});
