import type { z } from 'zod';
import type { certificatesIssuedSchema } from '../../../contract/training';
import type { Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import type { AppContext } from '../../context';
import type { Database } from '../../db/database';
import type { JobHandler, JobRunner } from '../../jobs/runner';
import { classFor } from './access';
import { TrainingService } from './service';
import { assertClassOver } from './timing';

export const TRAINING_CERTIFICATE_ISSUE = 'training.certificates.issue';

/** Starts the bulk issue of a class's certificates as a background job, once the class is over. */
export class CertificateBatchIssue {
  constructor(
    private readonly db: Database,
    private readonly jobs: JobRunner,
  ) {}

  async enqueue(caller: SessionAccount, classId: number, ip: string): Promise<{ jobId: number }> {
    const c = await classFor(this.db, caller, classId, 'deliver');
    await assertClassOver(this.db, c.id, 'certificates');
    const job = await this.jobs.enqueue(this.db, {
      kind: TRAINING_CERTIFICATE_ISSUE,
      params: { classId: c.id, requestedBy: caller.username, role: caller.role, ip },
      ownerAccountId: caller.accountId,
      orgUnitId: caller.orgUnitId,
      maxAttempts: 3,
    });
    return { jobId: job.id };
  }
}

interface Checkpoint {
  lastId: number;
  issued: number;
}

/** Bulk issue of a class's 培训合格证: every completed enrolment without a valid certificate, 50 per step (resumable). */
export function trainingIssueHandler(ctx: AppContext): JobHandler {
  const service = new TrainingService(ctx.db, ctx.crypto, ctx.settings, ctx.config.publicUrl);
  return async (job) => {
    const classId = Number(job.params.classId);
    const actor: Actor = {
      accountId: job.job.owner_account_id,
      username: typeof job.params.requestedBy === 'string' ? job.params.requestedBy : null,
      role: typeof job.params.role === 'string' ? job.params.role : null,
      ip: typeof job.params.ip === 'string' ? job.params.ip : null,
    };
    let state: Checkpoint = (job.checkpoint as Checkpoint | null) ?? { lastId: 0, issued: 0 };
    const { minutesPerHour } = await ctx.settings.studySettings();
    let finished = false;
    while (!finished) {
      await job.step(async (trx) => {
        const total = Number(
          (
            await trx
              .selectFrom('training_enrolments')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('class_id', '=', classId)
              .where('status', '=', 'enrolled')
              .executeTakeFirstOrThrow()
          ).n,
        );
        const chunk = await service.certificates.issueChunk(trx, actor, classId, state.lastId, 50, minutesPerHour);
        const seen = Number(
          (
            await trx
              .selectFrom('training_enrolments')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('class_id', '=', classId)
              .where('status', '=', 'enrolled')
              .where('id', '<=', chunk.lastId ?? state.lastId)
              .executeTakeFirstOrThrow()
          ).n,
        );
        state = { lastId: chunk.lastId ?? state.lastId, issued: state.issued + chunk.issued };
        finished = chunk.done;
        return { done: finished ? total : seen, total, checkpoint: state };
      });
    }
    return { issued: state.issued } satisfies z.infer<typeof certificatesIssuedSchema>;
  };
}
