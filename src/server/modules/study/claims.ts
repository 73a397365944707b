import { hasPermission } from '../../../domain/permissions';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit, type Actor } from '../../audit/audit-log';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import { AppError, forbidden, notFound, stateError, validationError } from '../../errors';
import { FileTooLarge, type FileStore } from '../../storage/file-store';
import { storeChecked } from '../../storage/staged-upload';
import { EVIDENCE_MAX_BYTES } from '../../storage/evidence';
import { sniffEvidenceType } from '../../storage/upload-checks';
import { setStudyMinutes } from '../study-ledger/ledger';
import { Notifier } from '../notifications/notifier';
import { requireStudyPerson } from './service';
import { clock } from '../../clock';

export const CLAIM_SOURCE_LABELS = { offline: '线下学习', government_work: '政府质量工作' } as const;

export const claimInputSchema = z.object({
  source: z.enum(['offline', 'government_work'], { error: '类别应为线下学习或政府质量工作' }).meta({ title: '类别' }),
  title: z.string().trim().min(2, { error: '学习内容至少 2 个字' }).max(200).meta({ title: '学习内容' }),
  occurredOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' })
    .meta({ title: '学习日期' }),
  minutes: z.coerce
    .number({ error: '时长应为数字' })
    .int({ error: '时长应为整数分钟' })
    .min(1, { error: '时长至少 1 分钟' })
    .max(6000, { error: '时长不超过 6000 分钟' })
    .meta({ title: '时长' }),
});

/**
 * Offline learning and government quality work an officer claims with evidence (证明材料), approved by the bureau
 * of the officer's appointment; an approved claim is a ledger line `claim:<id>` of its source and year.
 */
export class ClaimService {
  private readonly notifier = new Notifier();
  constructor(
    private readonly db: Database,
    private readonly files: FileStore,
  ) {}

  /** One multipart request: the fields first, then the evidence file (PDF/JPG/PNG by its first bytes, ≤ 10 MB). */
  async submit(request: FastifyRequest, caller: SessionAccount, actor: Actor): Promise<{ id: number }> {
    const person = await requireStudyPerson(this.db, caller);
    const filing = await this.db
      .selectFrom('filings')
      .select('org_unit_id')
      .where('person_id', '=', person.id)
      .where('status', '=', 'active')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (!filing) throw forbidden('没有在任的聘任备案，无法申报学时');
    const file = await request.file({ limits: { fileSize: EVIDENCE_MAX_BYTES, files: 1 } });
    if (!file) throw new AppError(400, 'VALIDATION', '请选择证明材料文件', [{ path: 'file', message: '请选择文件' }]);
    const raw: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(file.fields)) if (v && !Array.isArray(v) && v.type === 'field') raw[k] = v.value;
    const parsed = claimInputSchema.safeParse(raw);
    if (!parsed.success) {
      file.file.resume();
      throw validationError(claimInputSchema, parsed.error.issues);
    }
    if (parsed.data.occurredOn > clock.today()) {
      file.file.resume();
      throw new AppError(400, 'VALIDATION', '学习日期不能晚于今天', [{ path: 'occurredOn', message: '学习日期不能晚于今天' }]);
    }
    let key: string;
    let type: string;
    try {
      ({ key, checked: type } = await storeChecked(this.files, 'evidence', 'bin', file.file, EVIDENCE_MAX_BYTES, async (local) => {
        const sniffed = await sniffEvidenceType(local);
        if (!sniffed) throw new AppError(400, 'VALIDATION', '证明材料应为 PDF、JPG 或 PNG 文件', [{ path: 'file', message: '文件类型不支持' }]);
        return sniffed;
      }));
    } catch (err) {
      if (err instanceof FileTooLarge || (err as { statusCode?: number }).statusCode === 413)
        throw new AppError(413, 'PAYLOAD_TOO_LARGE', '证明材料不能超过 10 MB');
      throw err;
    }
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('study_claims')
        .values({
          person_id: person.id,
          org_unit_id: filing.org_unit_id,
          source: parsed.data.source,
          title: parsed.data.title,
          occurred_on: parsed.data.occurredOn,
          minutes: parsed.data.minutes,
          evidence: `${key}#${type}`,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, { action: 'study.claim.submit', targetType: 'study_claim', targetId: row.id, details: { ...parsed.data } });
      const reviewers = await this.notifier.reviewersOf(trx, filing.org_unit_id);
      await this.notifier.notify(trx, reviewers, {
        kind: 'study.claim',
        title: '学时申报待审核',
        body: `${person.name} 申报${CLAIM_SOURCE_LABELS[parsed.data.source]}「${parsed.data.title}」${parsed.data.minutes} 分钟，请审核。`,
        link: '/study/claims',
      });
      return row;
    });
  }

  async mine(caller: SessionAccount) {
    const person = await requireStudyPerson(this.db, caller);
    return this.db
      .selectFrom('study_claims')
      .select(['id', 'source', 'title', 'occurred_on as occurredOn', 'minutes', 'status', 'decision_reason as decisionReason', 'created_at as createdAt'])
      .where('person_id', '=', person.id)
      .orderBy('id', 'desc')
      .execute();
  }

  async inScope(caller: SessionAccount, status: 'pending' | 'approved' | 'rejected' | undefined) {
    let q = this.db
      .selectFrom('study_claims as c')
      .innerJoin('persons as p', 'p.id', 'c.person_id')
      .select([
        'c.id',
        'c.source',
        'c.title',
        'c.occurred_on as occurredOn',
        'c.minutes',
        'c.status',
        'c.decision_reason as decisionReason',
        'c.created_at as createdAt',
        'p.name as personName',
      ])
      .where(scopeOf(caller).region('c.org_unit_id'));
    if (status) q = q.where('c.status', '=', status);
    return q.orderBy('c.id', 'desc').limit(500).execute();
  }

  /**
   * The evidence of a claim, for its officer or a bureau that reviews claims (`study:manage`) whose scope
   * holds it. Anyone else (departments, the 三员, other officers) gets 404, as if it did not exist.
   */
  async evidence(caller: SessionAccount, id: number): Promise<string> {
    const claim = await this.db
      .selectFrom('study_claims as c')
      .innerJoin('persons as p', 'p.id', 'c.person_id')
      .select(['c.evidence', 'c.org_unit_id', 'p.account_id'])
      .where('c.id', '=', id)
      .executeTakeFirst();
    if (!claim) throw notFound('学时申报');
    if (claim.account_id === caller.accountId) return claim.evidence;
    if (!hasPermission(caller.role, 'study:manage')) throw notFound('学时申报');
    const inScope = await this.db
      .selectFrom('study_claims as c')
      .select('c.id')
      .where('c.id', '=', id)
      .where(scopeOf(caller).region('c.org_unit_id'))
      .executeTakeFirst();
    if (!inScope) throw notFound('学时申报');
    return claim.evidence;
  }

  async decide(caller: SessionAccount, actor: Actor, id: number, decision: 'approved' | 'rejected', reason: string | null): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const claim = await trx
        .selectFrom('study_claims as c')
        .selectAll('c')
        .where('c.id', '=', id)
        .where(scopeOf(caller).region('c.org_unit_id'))
        .forUpdate()
        .executeTakeFirst();
      if (!claim) throw notFound('学时申报');
      if (claim.status !== 'pending') throw stateError('该申报已审核');
      await trx
        .updateTable('study_claims')
        .set({ status: decision, decision_reason: reason, decided_by: caller.accountId, decided_at: clock.now() })
        .where('id', '=', id)
        .execute();
      if (decision === 'approved') {
        await setStudyMinutes(trx, {
          personId: claim.person_id,
          year: Number(claim.occurred_on.slice(0, 4)),
          source: claim.source,
          sourceRef: `claim:${id}`,
          title: `${CLAIM_SOURCE_LABELS[claim.source]}：${claim.title}`,
          occurredOn: claim.occurred_on,
          minutes: claim.minutes,
        });
      }
      await recordAudit(trx, actor, {
        action: decision === 'approved' ? 'study.claim.approve' : 'study.claim.reject',
        targetType: 'study_claim',
        targetId: id,
        details: { minutes: claim.minutes, reason },
      });
      const person = await trx.selectFrom('persons').select('account_id').where('id', '=', claim.person_id).executeTakeFirst();
      if (person?.account_id) {
        await this.notifier.notify(trx, [person.account_id], {
          kind: 'study.claim',
          title: decision === 'approved' ? '学时申报已通过' : '学时申报未通过',
          body: decision === 'approved' ? `「${claim.title}」${claim.minutes} 分钟已计入年度学时账户。` : `「${claim.title}」未通过审核：${reason ?? ''}`,
          link: '/study/account',
        });
      }
    });
  }
}
