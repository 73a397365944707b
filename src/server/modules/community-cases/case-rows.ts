import { sql, type Kysely } from 'kysely';
import { CASE_STATUSES, type CaseStatus } from '../../../domain/community-cases';
import { hasPermission } from '../../../domain/permissions';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { DB } from '../../db/types';
import { notFound, stateError } from '../../errors';
import { segmentForIndex } from '../../search/chinese-text';
import { richTextToPlain, sanitizeRichText } from './rich-text';
import type { CaseInput } from '../../../contract/community-cases';

/*
 * The rows of 经验案例 (`cases`) as the author's and the reviewers' services share them: who may read one, the
 * cleaned input and its search vector, the row locks, the status check, the list's columns.
 */

export const isReviewer = (caller: SessionAccount): boolean => hasPermission(caller.role, 'community:manage');

/** Rows a caller may read: published cases, their own, and (bureaus) every case of their region once submitted (drafts stay private). */
export const visibleTo = (caller: SessionAccount) =>
  sql<boolean>`(c.status = 'published' or c.author_account_id = ${caller.accountId} or (c.status <> 'draft' and ${isReviewer(caller) ? scopeOf(caller).region('c.org_unit_id') : sql<boolean>`false`}))`;

export interface CleanCase {
  title: string;
  summary: string;
  problem_html: string;
  method_html: string;
  results_html: string;
  body_text: string;
  tools: string[];
  industry_section: string;
  industry_division: string | null;
}

export function clean(input: CaseInput): CleanCase {
  const problem = sanitizeRichText(input.problem);
  const method = sanitizeRichText(input.method);
  const results = sanitizeRichText(input.results);
  const bodyText = [problem, method, results].map(richTextToPlain).filter(Boolean).join('\n');
  return {
    title: input.title,
    summary: input.summary,
    problem_html: problem,
    method_html: method,
    results_html: results,
    body_text: bodyText,
    tools: [...new Set(input.tools)],
    industry_section: input.industrySection,
    industry_division: input.industryDivision ?? null,
  };
}

/** Writes the search vector: title weighs most, then summary and tools, then the body (also used by the demo seed). */
export async function reindex(trx: Kysely<DB>, id: number, c: Pick<CleanCase, 'title' | 'summary' | 'tools' | 'body_text'>): Promise<void> {
  await sql`
    update cases set search_vector =
      setweight(to_tsvector('simple', ${segmentForIndex(c.title)}), 'A') ||
      setweight(to_tsvector('simple', ${segmentForIndex(`${c.summary} ${c.tools.join(' ')}`)}), 'B') ||
      setweight(to_tsvector('simple', ${segmentForIndex(c.body_text)}), 'C')
    where id = ${id}`.execute(trx);
}

async function lockCase(trx: Kysely<DB>, id: number) {
  return trx.selectFrom('cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function lockOwnCase(trx: Kysely<DB>, caller: SessionAccount, id: number) {
  const row = await lockCase(trx, id);
  if (!row || row.author_account_id !== caller.accountId) throw notFound('案例');
  return row;
}

export async function lockReviewableCase(trx: Kysely<DB>, caller: SessionAccount, id: number) {
  const row = await trx
    .selectFrom('cases as c')
    .selectAll('c')
    .where('c.id', '=', id)
    .where(scopeOf(caller).region('c.org_unit_id'))
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('案例');
  return row;
}

export const expectStatus = (status: CaseStatus, allowed: readonly CaseStatus[], action: string): void => {
  if (!allowed.includes(status)) throw stateError(`案例当前为“${CASE_STATUSES[status]}”，不能${action}`);
};

export function listQuery(db: Kysely<DB>) {
  return db
    .selectFrom('cases as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .innerJoin('org_units as o', 'o.id', 'c.org_unit_id')
    .leftJoin('enterprises as e', 'e.id', 'c.enterprise_id')
    .select([
      'c.id',
      'c.title',
      'c.status',
      'c.featured',
      'c.tools',
      'c.industry_section as industrySection',
      'p.name as authorName',
      'e.name as enterpriseName',
      'o.name as orgUnitName',
      'c.review_remarks as reviewRemarks',
      'c.submitted_at as submittedAt',
      'c.published_at as publishedAt',
      'c.updated_at as updatedAt',
    ]);
}

export const authorOf = (row: { author_account_id: number | null }): number[] => (row.author_account_id === null ? [] : [row.author_account_id]);
