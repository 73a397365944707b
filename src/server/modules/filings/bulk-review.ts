import { z } from 'zod';
import type { bulkReviewResultSchema } from '../../../contract/filing-register';
import { recordAuditAlone, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import { constraintError } from '../../db/constraint-errors';
import { AppError } from '../../errors';
import type { FilingDecisionService } from './decision-service';

export const BULK_REVIEW_LIMIT = 100;

export const bulkReviewSchema = z.discriminatedUnion(
  'action',
  [
    z.object({
      action: z.literal('approve').meta({ title: '操作' }),
      ids: z
        .array(z.number().int().positive())
        .min(1, { error: '请选择要予以备案的备案' })
        .max(BULK_REVIEW_LIMIT, { error: `一次最多处理 ${BULK_REVIEW_LIMIT} 份备案` }),
      remarks: z.string().trim().max(1000, { error: '意见不超过 1000 字' }).optional().meta({ title: '意见' }),
    }),
    z.object({
      action: z.literal('return').meta({ title: '操作' }),
      ids: z
        .array(z.number().int().positive())
        .min(1, { error: '请选择要退回的备案' })
        .max(BULK_REVIEW_LIMIT, { error: `一次最多处理 ${BULK_REVIEW_LIMIT} 份备案` }),
      remarks: z
        .string({ error: '请填写退回意见（至少 2 个字）' })
        .trim()
        .min(2, { error: '请填写退回意见（至少 2 个字）' })
        .max(1000, { error: '意见不超过 1000 字' })
        .meta({ title: '意见' }),
    }),
  ],
  { error: '请选择批量操作：予以备案或退回补正' },
);
export type BulkReviewInput = z.infer<typeof bulkReviewSchema>;

/**
 * 批量予以备案 / 批量退回补正: each filing goes through the single review (its own transaction, scope, state,
 * merged-county and eligibility rules, audit event and notice), so one refusal does not stop the others; a filing
 * failing a binding eligibility rule is refused here (it needs an override reason, given on its own page).
 * The batch itself is audited once with its counts.
 */
export async function bulkReview(db: Database, decisions: FilingDecisionService, caller: SessionAccount, actor: Actor, input: BulkReviewInput) {
  const ids = [...new Set(input.ids)];
  const results: z.infer<typeof bulkReviewResultSchema>['results'] = [];
  for (const id of ids) {
    try {
      const filing =
        input.action === 'approve'
          ? await decisions.approve(caller, actor, id, input.remarks || null, null)
          : await decisions.returnForCorrection(caller, actor, id, input.remarks);
      results.push({ id, ok: true, status: filing.status, code: null, message: null });
    } catch (err) {
      // a refusal, or a race another reviewer won (unique / serialisation conflicts), answers for this filing only
      const refusal = err instanceof AppError ? err : constraintError(err);
      if (!refusal) throw err;
      results.push({ id, ok: false, status: null, code: refusal.code, message: refusal.message });
    }
  }
  const succeeded = results.filter((r) => r.ok).length;
  await recordAuditAlone(db, actor, {
    action: input.action === 'approve' ? 'filing.bulk_approve' : 'filing.bulk_return',
    targetType: 'filing',
    details: {
      requested: ids.length,
      succeeded,
      failed: ids.length - succeeded,
      succeededIds: results.filter((r) => r.ok).map((r) => r.id),
      failedIds: results.filter((r) => !r.ok).map((r) => r.id),
    },
  });
  return { succeeded, failed: ids.length - succeeded, results };
}
