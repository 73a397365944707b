import { sql, type Kysely } from 'kysely';
import { caseCreditMinutes, CASE_STATUSES, type CaseStatus } from '../../../domain/community-cases';
import { hasPermission } from '../../../domain/permissions';
import { todayInChina } from '../../../domain/working-days';
import { recordAudit, type Actor } from '../../audit/audit-log';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { DB } from '../../db/types';
import { forbidden, invalid, notFound, stateError } from '../../errors';
import { segmentForIndex } from '../../search/chinese-text';
import { Notifier } from '../notifications/notifier';
import { communityCreditRule, creditCommunityContribution, revokeCommunityCredit } from '../community/credit-rule';
import { richTextToPlain, sanitizeRichText } from './rich-text';
import type { CaseInput } from '../../../contract/community-cases';
import { clock } from '../../clock';
import { updateVersioned } from '../../db/versioned';
import { hidesNames, maskAuthor } from '../community/name-mask';
import { searchCases, type CaseSearchFilters } from './case-search';
import { officerContext } from './officer-context';

const notifier = new Notifier();

const isReviewer = (caller: SessionAccount): boolean => hasPermission(caller.role, 'community:manage');

/** Rows a caller may read: published cases, their own, and (bureaus) every case of their region once submitted (drafts stay private). */
const visibleTo = (caller: SessionAccount) =>
  sql<boolean>`(c.status = 'published' or c.author_account_id = ${caller.accountId} or (c.status <> 'draft' and ${isReviewer(caller) ? scopeOf(caller).region('c.org_unit_id') : sql<boolean>`false`}))`;

interface CleanCase {
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

function clean(input: CaseInput): CleanCase {
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

async function lockOwnCase(trx: Kysely<DB>, caller: SessionAccount, id: number) {
  const row = await lockCase(trx, id);
  if (!row || row.author_account_id !== caller.accountId) throw notFound('案例');
  return row;
}

async function lockReviewableCase(trx: Kysely<DB>, caller: SessionAccount, id: number) {
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

const expectStatus = (status: CaseStatus, allowed: readonly CaseStatus[], action: string): void => {
  if (!allowed.includes(status)) throw stateError(`案例当前为“${CASE_STATUSES[status]}”，不能${action}`);
};

/** Credits the author under the province's rule for a published case (idempotent: re-featuring replaces the line). */
async function creditCase(
  trx: Kysely<DB>,
  row: { id: number; person_id: number; title: string; featured: boolean; published_at: Date | null },
): Promise<number> {
  const rule = await communityCreditRule(trx);
  return creditCommunityContribution(trx, rule, {
    personId: row.person_id,
    sourceRef: `case:${row.id}`,
    title: `经验案例：${row.title}`,
    occurredOn: todayInChina(row.published_at ?? clock.now()),
    minutes: caseCreditMinutes(rule, row.featured),
  });
}

export class CaseService {
  constructor(private readonly db: Kysely<DB>) {}

  async create(caller: SessionAccount, actor: Actor, input: CaseInput): Promise<number> {
    const officer = await officerContext(this.db, caller);
    if (!officer) throw forbidden('只有首席质量官本人可以提交经验案例');
    const c = clean(input);
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('cases')
        .values({ ...c, person_id: officer.personId, author_account_id: caller.accountId, enterprise_id: officer.enterpriseId, org_unit_id: officer.orgUnitId })
        .returning('id')
        .executeTakeFirstOrThrow();
      await reindex(trx, row.id, c);
      await recordAudit(trx, actor, { action: 'case.create', targetType: 'case', targetId: row.id, details: { title: c.title } });
      return row.id;
    });
  }

  async update(caller: SessionAccount, actor: Actor, id: number, input: CaseInput, expectedVersion: number): Promise<number> {
    const c = clean(input);
    return this.db.transaction().execute(async (trx) => {
      const row = await lockOwnCase(trx, caller, id);
      expectStatus(row.status, ['draft', 'returned'], '修改');
      const version = await updateVersioned(trx, 'cases', id, expectedVersion, { ...c, updated_at: clock.now() });
      await reindex(trx, id, c);
      await recordAudit(trx, actor, { action: 'case.update', targetType: 'case', targetId: id, details: { title: c.title } });
      return version;
    });
  }

  async submit(caller: SessionAccount, actor: Actor, id: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await lockOwnCase(trx, caller, id);
      expectStatus(row.status, ['draft', 'returned'], '提交');
      if (!richTextToPlain(row.problem_html)) throw invalid('problem', '问题描述：提交前请填写');
      if (!richTextToPlain(row.method_html)) throw invalid('method', '方法与过程：提交前请填写');
      if (!richTextToPlain(row.results_html)) throw invalid('results', '成效：提交前请填写');
      // the responsible bureau follows the officer's current filing
      const officer = await officerContext(trx, { accountId: caller.accountId, orgUnitId: row.org_unit_id });
      await trx
        .updateTable('cases')
        .set({
          version: sql<number>`version + 1`,
          status: 'submitted',
          submitted_at: clock.now(),
          updated_at: clock.now(),
          enterprise_id: officer?.enterpriseId ?? row.enterprise_id,
          org_unit_id: officer?.orgUnitId ?? row.org_unit_id,
        })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, actor, { action: 'case.submit', targetType: 'case', targetId: id });
      await notifier.notify(trx, await notifier.reviewersOf(trx, officer?.orgUnitId ?? row.org_unit_id), {
        kind: 'case.submitted',
        title: '有新的经验案例待审核',
        body: `《${row.title}》已提交，请审核。`,
        link: '/community/case-review',
      });
    });
  }

  /** The author takes a case back (a published one leaves the library and its study minutes are revoked). */
  async withdraw(caller: SessionAccount, actor: Actor, id: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await lockOwnCase(trx, caller, id);
      expectStatus(row.status, ['draft', 'submitted', 'returned', 'published'], '撤回');
      await trx
        .updateTable('cases')
        .set({ version: sql<number>`version + 1`, status: 'withdrawn', featured: false, updated_at: clock.now() })
        .where('id', '=', id)
        .execute();
      const revoked = row.status === 'published' ? await revokeCommunityCredit(trx, `case:${id}`, '作者撤回案例') : 0;
      await recordAudit(trx, actor, { action: 'case.withdraw', targetType: 'case', targetId: id, details: { from: row.status, revokedLines: revoked } });
    });
  }

  async returnCase(caller: SessionAccount, actor: Actor, id: number, remarks: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await lockReviewableCase(trx, caller, id);
      expectStatus(row.status, ['submitted'], '退回');
      await trx
        .updateTable('cases')
        .set({
          version: sql<number>`version + 1`,
          status: 'returned',
          review_remarks: remarks,
          reviewed_at: clock.now(),
          reviewed_by: caller.accountId,
          updated_at: clock.now(),
        })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, actor, { action: 'case.return', targetType: 'case', targetId: id, details: { remarks } });
      await notifier.notify(trx, authorOf(row), {
        kind: 'case.returned',
        title: '经验案例被退回修改',
        body: `《${row.title}》：${remarks}`,
        link: `/community/cases/${id}`,
      });
    });
  }

  /** Publishes a submitted case and credits the author's study account in the same transaction. */
  async publish(caller: SessionAccount, actor: Actor, id: number, featured: boolean, remarks?: string): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const row = await lockReviewableCase(trx, caller, id);
      expectStatus(row.status, ['submitted'], '发布');
      const now = clock.now();
      await trx
        .updateTable('cases')
        .set({
          version: sql<number>`version + 1`,
          status: 'published',
          featured,
          published_at: now,
          reviewed_at: now,
          reviewed_by: caller.accountId,
          review_remarks: remarks ?? null,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
      const minutes = await creditCase(trx, { ...row, featured, published_at: now });
      await recordAudit(trx, actor, { action: 'case.publish', targetType: 'case', targetId: id, details: { featured, creditedMinutes: minutes } });
      await notifier.notify(trx, authorOf(row), {
        kind: 'case.published',
        title: featured ? '经验案例已发布并入选精选' : '经验案例已发布',
        body: `《${row.title}》已发布到案例库${minutes > 0 ? `，计入年度学时 ${String(minutes)} 分钟` : ''}。`,
        link: `/community/cases/${id}`,
      });
      return minutes;
    });
  }

  /** Marks or unmarks a published case as featured; the author's credit follows. */
  async setFeatured(caller: SessionAccount, actor: Actor, id: number, featured: boolean): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const row = await lockReviewableCase(trx, caller, id);
      expectStatus(row.status, ['published'], featured ? '设为精选' : '取消精选');
      await trx
        .updateTable('cases')
        .set({ version: sql<number>`version + 1`, featured, updated_at: clock.now() })
        .where('id', '=', id)
        .execute();
      const minutes = await creditCase(trx, { ...row, featured });
      await recordAudit(trx, actor, {
        action: featured ? 'case.feature' : 'case.unfeature',
        targetType: 'case',
        targetId: id,
        details: { creditedMinutes: minutes },
      });
      return minutes;
    });
  }

  /** Takes a published case out of the library (back to the author with remarks) and revokes its study minutes. */
  async unpublish(caller: SessionAccount, actor: Actor, id: number, remarks: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await lockReviewableCase(trx, caller, id);
      expectStatus(row.status, ['published'], '撤销发布');
      await trx
        .updateTable('cases')
        .set({
          version: sql<number>`version + 1`,
          status: 'returned',
          featured: false,
          review_remarks: remarks,
          reviewed_at: clock.now(),
          reviewed_by: caller.accountId,
          updated_at: clock.now(),
        })
        .where('id', '=', id)
        .execute();
      const revoked = await revokeCommunityCredit(trx, `case:${id}`, `案例撤销发布：${remarks}`);
      await recordAudit(trx, actor, { action: 'case.unpublish', targetType: 'case', targetId: id, details: { remarks, revokedLines: revoked } });
      await notifier.notify(trx, authorOf(row), {
        kind: 'case.unpublished',
        title: '经验案例已撤销发布',
        body: `《${row.title}》：${remarks}`,
        link: `/community/cases/${id}`,
      });
    });
  }

  async detail(caller: SessionAccount, id: number) {
    const row = await this.db
      .selectFrom('cases as c')
      .innerJoin('persons as p', 'p.id', 'c.person_id')
      .innerJoin('org_units as o', 'o.id', 'c.org_unit_id')
      .leftJoin('enterprises as e', 'e.id', 'c.enterprise_id')
      .select([
        'c.id',
        'c.version',
        'c.title',
        'c.status',
        'c.featured',
        'c.tools',
        'c.industry_section as industrySection',
        'c.industry_division as industryDivision',
        'c.organisation_id as organisationId',
        'p.name as authorName',
        'e.name as enterpriseName',
        'o.name as orgUnitName',
        'c.review_remarks as reviewRemarks',
        'c.submitted_at as submittedAt',
        'c.published_at as publishedAt',
        'c.updated_at as updatedAt',
        'c.summary',
        'c.problem_html as problem',
        'c.method_html as method',
        'c.results_html as results',
        'c.author_account_id',
        sql<boolean>`${isReviewer(caller) ? scopeOf(caller).region('c.org_unit_id') : sql<boolean>`false`}`.as('inScope'),
      ])
      .where('c.id', '=', id)
      .where(visibleTo(caller))
      .executeTakeFirst();
    if (!row) throw notFound('案例');
    const attachments = await this.db
      .selectFrom('case_attachments')
      .select(['id', 'file_name as fileName', 'bytes'])
      .where('case_id', '=', id)
      .orderBy('id')
      .execute();
    const { author_account_id, inScope, ...rest } = row;
    const own = author_account_id === caller.accountId;
    // a reader who is neither the author nor the reviewer does not see review remarks
    return {
      ...rest,
      reviewRemarks: own || inScope ? rest.reviewRemarks : null,
      attachments,
      abilities: {
        edit: own && ['draft', 'returned'].includes(row.status),
        submit: own && ['draft', 'returned'].includes(row.status),
        withdraw: own && row.status !== 'withdrawn',
        review: Boolean(inScope),
      },
    };
  }

  /** The author's own cases, every status. */
  /** The case library's search; an officer account whose identity is not confirmed sees no authors' names. */
  async search(caller: SessionAccount, f: CaseSearchFilters) {
    const result = await searchCases(this.db, f);
    const hide = await hidesNames(this.db, caller);
    return { ...result, items: result.items.map((c) => maskAuthor(c, hide, false)) };
  }

  /** A case as the caller reads it, the author's name masked as in the search. */
  async view(caller: SessionAccount, id: number) {
    return maskAuthor(await this.detail(caller, id), await hidesNames(this.db, caller), false);
  }

  async mine(caller: SessionAccount) {
    return listQuery(this.db).where('c.author_account_id', '=', caller.accountId).orderBy('c.updated_at', 'desc').execute();
  }

  /** The review queue of a bureau: cases of its region by status. */
  async reviewQueue(caller: SessionAccount, status: 'submitted' | 'published' | 'returned' | 'all', page: number, pageSize: number) {
    let q = listQuery(this.db).where(scopeOf(caller).region('c.org_unit_id'));
    q = status === 'all' ? q.where('c.status', 'in', ['submitted', 'published', 'returned']) : q.where('c.status', '=', status);
    const total = await q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const items = await q
      .orderBy('c.submitted_at', 'asc')
      .orderBy('c.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { items, total: Number(total.n), page, pageSize };
  }

  async attachmentFor(caller: SessionAccount, attachmentId: number) {
    const row = await this.db
      .selectFrom('case_attachments as a')
      .innerJoin('cases as c', 'c.id', 'a.case_id')
      .select(['a.id', 'a.file_ref', 'a.file_name', 'a.case_id', 'c.author_account_id', 'c.status'])
      .where('a.id', '=', attachmentId)
      .where(visibleTo(caller))
      .executeTakeFirst();
    if (!row) throw notFound('附件');
    return row;
  }

  /** Refuses (404 / 409) before an upload is stored when the case is not the caller's or not editable. */
  async assertAttachable(caller: SessionAccount, caseId: number): Promise<void> {
    const row = await this.db.selectFrom('cases').select(['author_account_id', 'status']).where('id', '=', caseId).executeTakeFirst();
    if (!row || row.author_account_id !== caller.accountId) throw notFound('案例');
    expectStatus(row.status, ['draft', 'returned'], '添加附件');
  }

  async addAttachment(caller: SessionAccount, actor: Actor, caseId: number, file: { ref: string; name: string; bytes: number }): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const row = await lockOwnCase(trx, caller, caseId);
      expectStatus(row.status, ['draft', 'returned'], '添加附件');
      const count = await trx
        .selectFrom('case_attachments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('case_id', '=', caseId)
        .executeTakeFirstOrThrow();
      if (Number(count.n) >= 10) throw invalid('file', '附件：每个案例最多 10 个附件');
      const inserted = await trx
        .insertInto('case_attachments')
        .values({ case_id: caseId, file_ref: file.ref, file_name: file.name, bytes: file.bytes })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, { action: 'case.attachment.add', targetType: 'case', targetId: caseId, details: { fileName: file.name } });
      return inserted.id;
    });
  }

  async removeAttachment(caller: SessionAccount, actor: Actor, attachmentId: number): Promise<string> {
    return this.db.transaction().execute(async (trx) => {
      const a = await trx.selectFrom('case_attachments').select(['id', 'case_id', 'file_ref', 'file_name']).where('id', '=', attachmentId).executeTakeFirst();
      if (!a) throw notFound('附件');
      const row = await lockOwnCase(trx, caller, a.case_id);
      expectStatus(row.status, ['draft', 'returned'], '删除附件');
      await trx.deleteFrom('case_attachments').where('id', '=', attachmentId).execute();
      await recordAudit(trx, actor, { action: 'case.attachment.remove', targetType: 'case', targetId: a.case_id, details: { fileName: a.file_name } });
      return a.file_ref;
    });
  }
}

function listQuery(db: Kysely<DB>) {
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

const authorOf = (row: { author_account_id: number | null }): number[] => (row.author_account_id === null ? [] : [row.author_account_id]);
