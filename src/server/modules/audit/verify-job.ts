import type { z } from 'zod';
import type { auditVerifyResultSchema } from '../../../contract/admin';
import { CHAIN_START, recordAudit, verifyAuditChunk, type ChainCursor } from '../../audit/audit-log';
import { compareWithCheckpoint, latestCheckpoint } from '../../audit/checkpoint';
import type { AppContext } from '../../context';
import type { JobHandler } from '../../jobs/runner';

export const AUDIT_VERIFY = 'audit.verify';

interface AuditVerifyCheckpoint extends ChainCursor {
  checked: number;
}

/** Walks the audit chain in chunks of 2,000 (resumable), then compares its head with the newest signed checkpoint. */
export function auditVerifyHandler(ctx: AppContext): JobHandler {
  return async (job) => {
    let state: AuditVerifyCheckpoint = (job.checkpoint as AuditVerifyCheckpoint | null) ?? { ...CHAIN_START, checked: 0 };
    let outcome: z.infer<typeof auditVerifyResultSchema> | undefined;
    while (!outcome) {
      await job.step(async (trx) => {
        const total = Number(
          (
            await trx
              .selectFrom('audit_events')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
        const chunk = await verifyAuditChunk(trx, state, 2000);
        state = { ...chunk.cursor, checked: state.checked + chunk.checked };
        if (!chunk.firstBad && chunk.end) {
          // the chain is intact: its newest signed checkpoint (outside the database) must still match
          const { checkpoint } = latestCheckpoint(ctx.config.auditCheckpointDir, ctx.crypto);
          const anchored = checkpoint ? await compareWithCheckpoint(trx, checkpoint, state.checked) : undefined;
          if (anchored) chunk.firstBad = anchored;
        }
        if (chunk.firstBad || chunk.end) {
          outcome = { ok: !chunk.firstBad, checked: state.checked, ...(chunk.firstBad ? { firstBad: chunk.firstBad } : {}) };
          await recordAudit(
            trx,
            {
              accountId: job.job.owner_account_id,
              username: typeof job.params.requestedBy === 'string' ? job.params.requestedBy : null,
              role: typeof job.params.role === 'string' ? job.params.role : null,
              ip: typeof job.params.ip === 'string' ? job.params.ip : null,
            },
            { action: 'audit.verify', result: chunk.firstBad ? 'failure' : 'success', details: { checked: state.checked } },
          );
        }
        return { done: state.checked, total, checkpoint: state };
      });
    }
    return outcome;
  };
}
