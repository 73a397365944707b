import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types';
import { highlightSnippet, segmentQuery } from '../../search/chinese-text';

export interface CaseSearchFilters {
  q?: string | undefined;
  industrySection?: string | undefined;
  tool?: string | undefined;
  featured?: boolean | undefined;
  /** YYYY-MM-DD, publication date (China) from */
  from?: string | undefined;
  /** YYYY-MM-DD, publication date (China) to, inclusive */
  to?: string | undefined;
  page: number;
  pageSize: number;
}

export interface CaseHit {
  id: number;
  title: string;
  summary: string;
  tools: string[];
  industrySection: string;
  industryDivision: string | null;
  featured: boolean;
  authorName: string;
  enterpriseName: string | null;
  publishedAt: Date | null;
  rank: number;
  /** plain-text segments; hits are the query's words */
  snippet: { text: string; hit: boolean }[];
}

/**
 * Full-text search over published cases (jieba words in a `simple` tsvector), ranked by ts_rank with the title
 * weighted most, filtered by industry section, tool, featured and publication date. Published cases are
 * readable by every signed-in user, so no caller scope applies; the unified search calls this too.
 * Author name and enterprise are shown (real names); no ID number or phone is ever selected.
 */
export async function searchCases(db: Kysely<DB>, f: CaseSearchFilters): Promise<{ items: CaseHit[]; total: number }> {
  const tsq = f.q ? segmentQuery(f.q) : null;
  let q = db
    .selectFrom('cases as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .leftJoin('enterprises as e', 'e.id', 'c.enterprise_id')
    .where('c.status', '=', 'published');
  if (tsq) q = q.where(sql<boolean>`c.search_vector @@ to_tsquery('simple', ${tsq})`);
  if (f.industrySection) q = q.where('c.industry_section', '=', f.industrySection);
  if (f.tool) q = q.where(sql<boolean>`${f.tool} = any(c.tools)`);
  if (f.featured !== undefined) q = q.where('c.featured', '=', f.featured);
  if (f.from) q = q.where(sql<boolean>`(c.published_at at time zone 'Asia/Shanghai')::date >= ${f.from}::date`);
  if (f.to) q = q.where(sql<boolean>`(c.published_at at time zone 'Asia/Shanghai')::date <= ${f.to}::date`);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rank = tsq ? sql<number>`ts_rank(c.search_vector, to_tsquery('simple', ${tsq}))` : sql<number>`0`;
  let ordered = q.select([
    'c.id',
    'c.title',
    'c.summary',
    'c.body_text',
    'c.tools',
    'c.industry_section as industrySection',
    'c.industry_division as industryDivision',
    'c.featured',
    'p.name as authorName',
    'e.name as enterpriseName',
    'c.published_at as publishedAt',
    rank.as('rank'),
  ]);
  if (tsq) ordered = ordered.orderBy(rank, 'desc');
  const rows = await ordered
    .orderBy('c.featured', 'desc')
    .orderBy('c.published_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  const items = rows.map(({ body_text, ...r }) => {
    const text = `${r.summary} ${body_text}`.trim();
    return {
      ...r,
      rank: Number(r.rank),
      snippet: f.q && tsq ? highlightSnippet(text, f.q) : [{ text: text.length > 120 ? `${text.slice(0, 120)}…` : text, hit: false }],
    };
  });
  return { items, total: Number(total.n) };
}
