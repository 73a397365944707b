import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types';
import type { SearchRequest, SearchSource } from '../community/search';

/** Published cases matching the request's tsquery and filters (cases are not on boards: a board filter excludes them). */
function matching(db: Kysely<DB>, r: SearchRequest) {
  let q = db
    .selectFrom('cases as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .leftJoin('enterprises as e', 'e.id', 'c.enterprise_id')
    .where('c.status', '=', 'published')
    .where(sql<boolean>`c.search_vector @@ to_tsquery('simple', ${r.tsquery})`);
  if (r.filters.organisationId !== undefined) q = q.where('c.organisation_id', '=', r.filters.organisationId);
  if (r.filters.industry) q = q.where('c.industry_section', '=', r.filters.industry);
  if (r.filters.from) q = q.where(sql<boolean>`(c.published_at at time zone 'Asia/Shanghai')::date >= ${r.filters.from}::date`);
  if (r.filters.to) q = q.where(sql<boolean>`(c.published_at at time zone 'Asia/Shanghai')::date <= ${r.filters.to}::date`);
  return q;
}

/** The case library in the community's unified search (published cases are readable by every officer). */
export const caseSource: SearchSource = {
  name: 'case',
  async hits(db, r) {
    if (r.filters.boardId !== undefined) return [];
    const rank = sql<number>`ts_rank(c.search_vector, to_tsquery('simple', ${r.tsquery}))`;
    const rows = await matching(db, r)
      .select(['c.id', 'c.title', 'c.summary', 'c.body_text', 'c.published_at', 'p.name as authorName', 'e.name as enterpriseName', rank.as('rank')])
      .orderBy(rank, 'desc')
      .orderBy('c.id', 'desc')
      .limit(r.limit)
      .execute();
    return rows.map((c) => ({
      source: 'case',
      id: c.id,
      title: c.title,
      link: `/community/cases/${String(c.id)}`,
      text: `${c.summary} ${c.body_text}`.trim(),
      rank: Number(c.rank),
      createdAt: c.published_at ?? new Date(0),
      authorName: c.authorName,
      authorOrg: c.enterpriseName,
      context: '经验案例',
    }));
  },
  async count(db, r, cap) {
    if (r.filters.boardId !== undefined) return 0;
    const rows = await matching(db, r).select('c.id').limit(cap).execute();
    return rows.length;
  },
};
