import { recordAudit, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import type { AppContext } from '../../context';
import { writeXlsxFile } from '../../excel/workbook';
import type { JobContext } from '../../jobs/runner';
import { ENTERPRISE_COLUMNS } from './excel';
import { iterateEnterprises, scopedEnterprises, type EnterpriseFilter } from './repository';
import { clock } from '../../clock';
import type { z } from 'zod';
import type { fileJobResultSchema } from '../../../contract/admin';

export const ENTERPRISE_EXPORT = 'enterprise.export';

export interface ExportParams {
  /** The caller as it was when the export was asked for: the job sees exactly what they could see. */
  caller: Pick<SessionAccount, 'accountId' | 'role' | 'orgUnitPath' | 'enterpriseId' | 'industryScope'>;
  filter: EnterpriseFilter;
  actor: Actor;
}

/** Writes the filtered list to an .xlsx in the file store. Restarting simply writes the file again. */
export function enterpriseExportHandler(ctx: AppContext) {
  return async (job: JobContext): Promise<unknown> => {
    const params = job.params as unknown as ExportParams;
    const caller = params.caller;
    const total = Number(
      (
        await scopedEnterprises(ctx.db, caller, params.filter)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const { key, result: rows } = await ctx.files.write('exports', 'xlsx', (path) =>
      writeXlsxFile(path, '企业名录', ENTERPRISE_COLUMNS, iterateEnterprises(ctx.db, caller, params.filter), (written) =>
        job.step(() => Promise.resolve({ done: written, total, checkpoint: null })),
      ),
    );
    const fileName = `企业名录-${clock.now().toISOString().slice(0, 10)}.xlsx`;
    await ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('jobs').set({ result_file: key, progress_done: rows, progress_total: rows }).where('id', '=', job.job.id).execute();
      await recordAudit(trx, params.actor, {
        action: 'enterprise.export',
        targetType: 'job',
        targetId: job.job.id,
        details: { rows, filter: { ...params.filter } },
      });
    });
    return { rows, fileName } satisfies z.infer<typeof fileJobResultSchema>;
  };
}
