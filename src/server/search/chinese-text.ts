import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/**
 * Chinese full-text search on PostgreSQL without extensions: text is segmented with jieba (search mode, so
 * 全面质量管理体系 also yields 质量, 管理 and 管理体系) and stored as space-separated words in a `simple`
 * tsvector; queries are segmented the same way and every word must match.
 *
 * Index: `to_tsvector('simple', segmentForIndex(text))`; query: `to_tsquery('simple', segmentQuery(q))`
 * (null when the query has no words), ranked with `ts_rank`, snippets from `highlightSnippet`.
 */
let jieba: Jieba | undefined;
const segmenter = (): Jieba => (jieba ??= Jieba.withDict(dict));

const WORD = /[\p{L}\p{N}]/u;

/** Words of a text for the index: jieba search-mode words, lower-cased, punctuation dropped, each once per position. */
export function searchWords(text: string): string[] {
  return segmenter()
    .cutForSearch(text, true)
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w.length > 0 && WORD.test(w));
}

/** The text to put into `to_tsvector('simple', …)`. Words are separated by spaces; tsvector-special characters cannot occur. */
export const segmentForIndex = (text: string): string =>
  searchWords(text)
    .map((w) => w.replace(/[':&|!()<>\\*]/g, ''))
    .filter(Boolean)
    .join(' ');

/**
 * A `to_tsquery('simple', …)` expression requiring every word of the query (AND), or null if it has none.
 * A query segmented into a compound and its parts (管理体系 → 管理, 体系, 管理体系) keeps only the longest
 * words that cover it, so a short query still matches text where the parts occur apart.
 */
export function segmentQuery(query: string): string | null {
  const words = segmenter()
    .cut(query, true)
    .map((w) =>
      w
        .trim()
        .toLowerCase()
        .replace(/[':&|!()<>\\*]/g, ''),
    )
    .filter((w) => w.length > 0 && WORD.test(w));
  const unique = [...new Set(words)];
  return unique.length === 0 ? null : unique.map((w) => `'${w}'`).join(' & ');
}

/** The query's words, for highlighting matches in a snippet on the client or server. */
export const queryWords = (query: string): string[] => [...new Set(searchWords(query))];

/**
 * A plain-text snippet of at most `length` characters around the first match, as segments `{ text, hit }`
 * the caller renders (hits highlighted), so no HTML is ever built from user text.
 */
export function highlightSnippet(text: string, query: string, length = 120): { text: string; hit: boolean }[] {
  const words = queryWords(query).sort((a, b) => b.length - a.length);
  const lower = text.toLowerCase();
  let first = -1;
  for (const w of words) {
    const at = lower.indexOf(w);
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  const start = Math.max(0, first < 0 ? 0 : first - Math.floor(length / 3));
  const slice = text.slice(start, start + length);
  const sliceLower = slice.toLowerCase();
  const parts: { text: string; hit: boolean }[] = [];
  if (start > 0) parts.push({ text: '…', hit: false });
  let i = 0;
  while (i < slice.length) {
    const match = words.find((w) => w.length > 0 && sliceLower.startsWith(w, i));
    if (match) {
      parts.push({ text: slice.slice(i, i + match.length), hit: true });
      i += match.length;
    } else {
      const last = parts[parts.length - 1];
      if (last && !last.hit && last.text !== '…') last.text += slice[i];
      else parts.push({ text: slice[i] ?? '', hit: false });
      i += 1;
    }
  }
  if (start + length < text.length) parts.push({ text: '…', hit: false });
  return parts;
}
