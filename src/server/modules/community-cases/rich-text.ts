import sanitizeHtml from 'sanitize-html';

/**
 * Rich text of cases is sanitised on the server before it is stored: a small set of formatting tags, links
 * only to http(s)/mailto, no scripts, styles, event handlers or iframes. The web renders the stored HTML as is.
 */
const RICH_TEXT: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'ul', 'ol', 'li', 'h3', 'h4', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a'],
  allowedAttributes: { a: ['href', 'title', 'rel', 'target'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  disallowedTagsMode: 'discard',
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }) },
};

export const sanitizeRichText = (html: string): string => sanitizeHtml(html, RICH_TEXT).trim();

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

/** The plain text of (sanitised) rich text: blocks become line breaks, tags go, entities are decoded. */
export function richTextToPlain(html: string): string {
  const blocks = html.replace(/<\/(p|li|h3|h4|blockquote|tr)>|<br\s*\/?>/gi, '\n');
  const text = sanitizeHtml(blocks, { allowedTags: [], allowedAttributes: {} });
  return text
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (m) => ENTITIES[m] ?? m)
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}
