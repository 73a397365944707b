import { sql, type Kysely } from 'kysely';
import sanitizeHtml from 'sanitize-html';
import type { DB } from '../../db/types';

/** Where an uploaded community image is served; the only image source a post may use. */
export const FILE_URL = /^\/api\/community\/files\/(\d+)$/;

const ALLOWED_TAGS = ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'h3', 'h4', 'a', 'img', 'span', 'div'];

/**
 * Rich text of a post, reduced to a safe subset: no scripts, styles, event handlers or foreign images;
 * links only http(s)/mailto and opened without the opener; images only community uploads listed in
 * `allowedImageIds` (the author's own, still unattached or already on this post).
 */
export function sanitizePostHtml(html: string, allowedImageIds: ReadonlySet<number> | null = null): string {
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: { a: ['href', 'title', 'target', 'rel'], img: ['src', 'alt'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: [] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }) },
    exclusiveFilter: (frame) => {
      if (frame.tag !== 'img') return false;
      const match = FILE_URL.exec(frame.attribs.src ?? '');
      if (!match) return true;
      return allowedImageIds !== null && !allowedImageIds.has(Number(match[1]));
    },
  }).trim();
}

/** Ids of community images a (sanitized) post refers to. */
export function imageIdsIn(html: string): number[] {
  const ids = new Set<number>();
  for (const m of html.matchAll(/<img[^>]*\ssrc="\/api\/community\/files\/(\d+)"/g)) ids.add(Number(m[1]));
  return [...ids];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ', '#x27': "'" };

/** Plain text of sanitized HTML, for search, snippets and notifications. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|blockquote|pre|h3|h4)>/gi, '\n')
    .replace(/<img[^>]*>/gi, ' [图片] ')
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);/g, (_m, e: string) => ENTITIES[e] ?? '')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * The first sensitive word found in `text` (case-insensitive), from the province-wide list and the list of
 * `organisationId` if given, or null. Exposed for other community modules (cases, events) to check their text.
 */
export async function findSensitiveWord(db: Kysely<DB>, text: string, organisationId: number | null = null): Promise<string | null> {
  if (!text) return null;
  const row = await db
    .selectFrom('community_sensitive_words')
    .select('word')
    .where((eb) =>
      organisationId === null ? eb('organisation_id', 'is', null) : eb.or([eb('organisation_id', 'is', null), eb('organisation_id', '=', organisationId)]),
    )
    .where(sql<boolean>`position(lower(word) in lower(${text})) > 0`)
    .orderBy(sql`length(word)`, 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.word ?? null;
}
