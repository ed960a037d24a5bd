/**
 * Article bodies: Markdown as an author wrote it, rendered to HTML in which
 * nothing can run. Raw HTML in the Markdown is shown as text (markdown-it
 * with `html: false`), links may only be http, https or mailto, and the
 * result passes a tag and attribute allow-list (sanitize-html) as a second
 * wall, so a parser quirk alone never lets markup through.
 */
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const linkSchemes = ['http', 'https', 'mailto'];
const safeUrl = /^(https?:\/\/|mailto:)/i;

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
// markdown-it's own check lets data:image URLs through; an article may link only out, by http(s) or mail.
md.validateLink = (url) => safeUrl.test(url.trim());

const policy: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'em', 'strong', 's', 'a', 'img', 'hr', 'br', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'title'], ol: ['start'] },
  allowedSchemes: linkSchemes,
  allowedSchemesByTag: { img: ['https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer nofollow' } }),
  },
  allowedAttributesByTag: undefined,
} as sanitizeHtml.IOptions;
// `rel` is added by the transform above, so it must survive the attribute filter too.
(policy.allowedAttributes as Record<string, string[]>).a!.push('rel');

/** The HTML a reader sees for a Markdown body. */
export function renderMarkdown(markdown: string): string {
  return sanitizeHtml(md.render(markdown), policy);
}

/** The words of a Markdown body without its markup, for excerpts. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_>#|~]+/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** About `length` characters of the body, starting near the first word of the query it contains. */
export function excerpt(markdown: string, words: readonly string[], length = 180): string {
  const text = plainText(markdown);
  const lower = text.toLowerCase();
  const hits = words.map((w) => lower.indexOf(w.toLowerCase())).filter((i) => i >= 0);
  const at = hits.length ? Math.min(...hits) : 0;
  const start = at > length / 3 ? text.lastIndexOf(' ', at - Math.floor(length / 3)) + 1 : 0;
  const slice = text.slice(start, start + length);
  return `${start > 0 ? '… ' : ''}${slice}${start + length < text.length ? ' …' : ''}`;
}
