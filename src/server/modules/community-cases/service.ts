import { sql, type Kysely } from 'kysely';
import { recordAudit, type Actor } from '../../audit/audit-log';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { DB } from '../../db/types';
import { forbidden, invalid, notFound } from '../../errors';
import { Notifier } from '../notifications/notifier';
import { revokeCommunityCredit } from '../community/credit-rule';
import { richTextToPlain } from './rich-text';
import type { CaseInput } from '../../../contract/community-cases';
import { clock } from '../../clock';
import { updateVersioned } from '../../db/versioned';
import { hidesNames, maskAuthor } from '../community/name-mask';
import { searchCases, type CaseSearchFilters } from './case-search';
import { officerContext } from './officer-context';
import { clean, expectStatus, isReviewer, listQuery, lockOwnCase, reindex, visibleTo } from './case-rows';

const notifier = new Notifier();

/** 经验案例 as their authors write, submit, withdraw and attach files to them, and as everyone reads them; the review: case-review.ts. */
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

  /** The author's own cases, every status. */
  async mine(caller: SessionAccount) {
    return listQuery(this.db).where('c.author_account_id', '=', caller.accountId).orderBy('c.updated_at', 'desc').execute();
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
