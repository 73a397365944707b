import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types';
import { highlightSnippet, segmentQuery } from '../../search/chinese-text';
import type { CommunityView } from './access';

/** Totals are counted up to this many matches (shown as “1000+”). */
export const COUNT_CAP = 1000;
/** How many of the most recent matches are ranked (see forumSource). */
export const RANK_WINDOW = 1000;
/** How many of the newest posts are scanned first (see forumSource). */
const RECENT_SPAN = 20_000;

export interface SearchFilters {
  organisationId?: number | undefined;
  boardId?: number | undefined;
  /** GB/T 4754 section of the author's enterprise */
  industry?: string | undefined;
  /** YYYY-MM-DD, China time, inclusive */
  from?: string | undefined;
  to?: string | undefined;
}

export interface SearchHit {
  source: string;
  id: number;
  title: string;
  /** where the hit leads in the web app */
  link: string;
  text: string;
  rank: number;
  createdAt: Date;
  authorName: string | null;
  authorOrg: string | null;
  context: string | null;
}

export interface SearchRequest {
  view: CommunityView;
  tsquery: string;
  filters: SearchFilters;
  /** how many best hits this source must return (offset + page size) */
  limit: number;
}

/**
 * One kind of searchable content. The forum is one; the case library adds its own (rows with a
 * `to_tsvector('simple', segmentForIndex(…))` column) and passes it to `search` beside this one.
 */
export interface SearchSource {
  name: string;
  hits(db: Kysely<DB>, request: SearchRequest): Promise<SearchHit[]>;
  /** matches, counted up to `cap` */
  count(db: Kysely<DB>, request: SearchRequest, cap: number): Promise<number>;
}

const dayStart = (d: string) => sql`(${d}::date::timestamp at time zone 'Asia/Shanghai')`;

/** Threads and replies the caller can read, published, in published threads. */
export const forumSource: SearchSource = {
  name: 'forum',
  async hits(db, r) {
    const boards = allowedBoards(r);
    if (boards.length === 0) return [];
    // Rank within the RANK_WINDOW most recent matches. First the newest RECENT_SPAN posts are scanned with the
    // match written so no index can serve it (a bounded scan): that finds enough for common words and for
    // compounds whose parts always occur together, which the planner misestimates as rare. Otherwise the
    // whole table, with the tsquery inline (never through a CTE) so the planner sees its words and uses GIN.
    const q = sql`to_tsquery('simple', ${r.tsquery})`;
    const newest = (await sql<{ m: number | null }>`select max(id) as m from community_posts`.execute(db)).rows[0]?.m ?? 0;
    const recent = await sql<{ id: number }>`
      select p.id from community_posts p join community_threads t on t.id = p.thread_id
      where p.id > ${newest - RECENT_SPAN} and coalesce(p.search @@ ${q}, false) and ${whereForum(r, boards)}
      order by p.id desc limit ${RANK_WINDOW}`.execute(db);
    let ids = recent.rows.map((x) => Number(x.id));
    if (ids.length < RANK_WINDOW && newest > RECENT_SPAN) {
      const all = await sql<{ id: number }>`
        select p.id from community_posts p join community_threads t on t.id = p.thread_id
        where p.search @@ ${q} and ${whereForum(r, boards)}
        order by p.id desc limit ${RANK_WINDOW}`.execute(db);
      ids = all.rows.map((x) => Number(x.id));
    }
    if (ids.length === 0) return [];
    const rows = await sql<{
      id: number;
      thread_id: number;
      title: string;
      body_text: string;
      author_name: string;
      author_org: string | null;
      created_at: Date;
      board_id: number;
      is_opening: boolean;
      rank: number;
    }>`
      select p.id, p.thread_id, t.title, p.body_text, p.author_name, p.author_org, p.created_at, p.board_id, p.is_opening,
             ts_rank(p.search, ${q}) * (case when p.is_opening then 1.5 else 1 end) as rank
      from community_posts p join community_threads t on t.id = p.thread_id
      where p.id = any(${ids})
      order by rank desc, p.id desc
      limit ${r.limit}`.execute(db);
    return rows.rows.map((p) => ({
      source: 'forum',
      id: p.id,
      title: p.title,
      link: `/community/threads/${p.thread_id}#post-${p.id}`,
      text: p.is_opening ? `${p.title}\n${p.body_text}` : p.body_text,
      rank: Number(p.rank),
      createdAt: p.created_at,
      authorName: p.author_name,
      authorOrg: p.author_org,
      context: r.view.boards.get(p.board_id)?.name ?? null,
    }));
  },
  async count(db, r, cap) {
    const boards = allowedBoards(r);
    if (boards.length === 0) return 0;
    const row = await sql<{ n: number }>`
      select count(*) as n from (
        select 1 from community_posts p join community_threads t on t.id = p.thread_id
        where p.search @@ to_tsquery('simple', ${r.tsquery}) and ${whereForum(r, boards)} limit ${cap}) x`.execute(db);
    return Number(row.rows[0]?.n ?? 0);
  },
};

function allowedBoards(r: SearchRequest): number[] {
  let boards = r.view.readableBoardIds();
  if (r.filters.boardId !== undefined) boards = boards.filter((b) => b === r.filters.boardId);
  if (r.filters.organisationId !== undefined) boards = boards.filter((b) => r.view.boards.get(b)?.organisationId === r.filters.organisationId);
  return boards;
}

function whereForum(r: SearchRequest, boards: number[]) {
  const parts = [sql`p.board_id = any(${boards})`, sql`p.status = 'published'`, sql`t.status = 'published'`];
  if (r.filters.industry) parts.push(sql`p.author_industry = ${r.filters.industry}`);
  if (r.filters.from) parts.push(sql`p.created_at >= ${dayStart(r.filters.from)}`);
  if (r.filters.to) parts.push(sql`p.created_at < ${dayStart(r.filters.to)} + interval '1 day'`);
  return sql.join(parts, sql` and `);
}

/** Ranked hits over every source, with highlighted plain-text snippets (segments, never HTML). */
export async function search(
  db: Kysely<DB>,
  view: CommunityView,
  q: string,
  filters: SearchFilters,
  page: number,
  pageSize: number,
  sources: readonly SearchSource[] = [forumSource],
) {
  const tsquery = segmentQuery(q);
  if (tsquery === null) return { items: [], total: 0, totalCapped: false, page, pageSize };
  const request: SearchRequest = { view, tsquery, filters, limit: page * pageSize };
  const [hitLists, counts] = await Promise.all([
    Promise.all(sources.map((s) => s.hits(db, request))),
    Promise.all(sources.map((s) => s.count(db, request, COUNT_CAP))),
  ]);
  const merged = hitLists.flat().sort((a, b) => b.rank - a.rank || b.createdAt.getTime() - a.createdAt.getTime());
  const total = counts.reduce((a, b) => a + b, 0);
  return {
    items: merged.slice((page - 1) * pageSize, page * pageSize).map(({ text, ...hit }) => ({ ...hit, snippet: highlightSnippet(text, q, 140) })),
    total,
    totalCapped: counts.some((c) => c >= COUNT_CAP),
    page,
    pageSize,
  };
}
