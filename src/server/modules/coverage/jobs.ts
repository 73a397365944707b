import { recordAudit, type Actor } from '../../audit/audit-log';
import type { AppContext } from '../../context';
import { writeXlsxFile, type ColumnDef } from '../../excel/workbook';
import type { JobContext } from '../../jobs/runner';
import { Notifier } from '../notifications/notifier';
import { addSummaries, emptySummary, type DeliverySummary } from '../notifications/outbox';
import { rebuildSummaries, reconcile } from './engine';
import { CoverageService } from './service';
import {
  expectedMinutes,
  OVERDUE_COLUMNS,
  overdueQuery,
  studyBehindColumns,
  studyBehindQuery,
  UNCOVERED_COLUMNS,
  uncoveredQuery,
  WORKLIST_KINDS,
  type WorklistCaller,
  type WorklistFilter,
  type WorklistKind,
} from './worklists';
import { clock } from '../../clock';
import type { z } from 'zod';
import type { fileJobResultSchema } from '../../../contract/admin';
import type { coverageRebuildResultSchema, worklistRemindResultSchema } from '../../../contract/coverage';

export const COVERAGE_REBUILD = 'coverage.rebuild';
export const COVERAGE_WORKLIST_EXPORT = 'coverage.worklist-export';
export const COVERAGE_REMIND = 'coverage.remind';

export interface WorklistJobParams {
  caller: WorklistCaller;
  kind: WorklistKind;
  filter: { orgUnitId?: number | undefined; segmentCode?: string | undefined; section?: string | undefined; q?: string | undefined; year: number };
  actor: Actor;
}

export async function filterOf(ctx: AppContext, f: WorklistJobParams['filter']): Promise<WorklistFilter> {
  const segment = f.segmentCode ? (await new CoverageService(ctx.db).segments()).find((s) => s.code === f.segmentCode) : undefined;
  return { orgUnitId: f.orgUnitId, segment, section: f.section, q: f.q, year: f.year };
}

const CHUNK = 1000;

/** Rebuilds both summaries in one transaction, then proves them equal to a recount. */
export function rebuildHandler(ctx: AppContext) {
  return async (job: JobContext): Promise<unknown> => {
    let built = { cells: 0, monthlyRows: 0 };
    await job.step(async (trx) => {
      built = await rebuildSummaries(trx);
      await recordAudit(trx, job.params.actor as Actor, { action: 'coverage.rebuild', targetType: 'job', targetId: job.job.id, details: built });
      return { done: 1, total: 2, checkpoint: null };
    });
    const check = await reconcile(ctx.db);
    await job.step(() => Promise.resolve({ done: 2, total: 2, checkpoint: null }));
    return { ...built, reconciliation: check } satisfies z.infer<typeof coverageRebuildResultSchema>;
  };
}

/** Writes one worklist, as its owner could see it, to an .xlsx in the file store. */
export function worklistExportHandler(ctx: AppContext) {
  return async (job: JobContext): Promise<unknown> => {
    const params = job.params as unknown as WorklistJobParams;
    const filter = await filterOf(ctx, params.filter);
    const settings = await ctx.settings.studySettings();
    const expected = expectedMinutes(settings, filter.year);
    const pages = <T extends { id?: number; filing_id?: number }>(fetch: (afterId: number) => Promise<T[]>): AsyncIterable<T[]> => ({
      async *[Symbol.asyncIterator]() {
        let after = 0;
        for (;;) {
          const rows = await fetch(after);
          if (rows.length === 0) return;
          yield rows;
          after = Number(rows.at(-1)?.id ?? rows.at(-1)?.filing_id ?? 0);
          if (rows.length < CHUNK) return;
        }
      },
    });
    const progress = (written: number) => job.step(() => Promise.resolve({ done: written, checkpoint: null }));
    const write = (path: string): Promise<number> => {
      if (params.kind === 'uncovered') {
        return writeXlsxFile(path, WORKLIST_KINDS.uncovered, UNCOVERED_COLUMNS, pages((after) => uncoveredQuery(ctx.dbRead, params.caller, filter).where('e.id', '>', after).orderBy('e.id').limit(CHUNK).execute()), progress);
      }
      if (params.kind === 'overdue') {
        return writeXlsxFile(path, WORKLIST_KINDS.overdue, OVERDUE_COLUMNS, pages((after) => overdueQuery(ctx.dbRead, params.caller, filter).where('fl.id', '>', after).orderBy('fl.id').limit(CHUNK).execute()), progress);
      }
      const columns: ColumnDef<Awaited<ReturnType<ReturnType<typeof studyBehindQuery>['execute']>>[number]>[] = studyBehindColumns(settings, expected);
      return writeXlsxFile(
        path,
        WORKLIST_KINDS.studyBehind,
        columns,
        pages((after) => studyBehindQuery(ctx.dbRead, params.caller, filter, expected).where('fl.id', '>', after).orderBy('fl.id').limit(CHUNK).execute()),
        progress,
      );
    };
    const { key, result: rows } = await ctx.files.write('exports', 'xlsx', write);
    const fileName = `${WORKLIST_KINDS[params.kind]}-${clock.now().toISOString().slice(0, 10)}.xlsx`;
    await ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('jobs').set({ result_file: key, progress_done: rows, progress_total: rows }).where('id', '=', job.job.id).execute();
      await recordAudit(trx, params.actor, { action: 'coverage.worklist.export', targetType: 'job', targetId: job.job.id, details: { kind: params.kind, rows, filter: { ...params.filter } } });
    });
    return { rows, fileName } satisfies z.infer<typeof fileJobResultSchema>;
  };
}

interface RemindCheckpoint {
  after: number;
  reminded: number;
  accounts: number;
  delivered?: DeliverySummary;
}

const REMINDERS: Record<'uncovered' | 'studyBehind', { title: string; body: string; link: string }> = {
  uncovered: { title: '请尽快设立首席质量官', body: '按照《江苏省企业首席质量官制度》，请贵企业尽快聘任首席质量官并向主管市场监管部门办理聘任备案。', link: '/my-filings' },
  studyBehind: { title: '首席质量官年度线上自学进度落后', body: '贵企业首席质量官本年度线上自学学时进度落后于每年累计线上自学不少于 50 学时的要求，请督促其按时完成学习。', link: '/my-enterprise' },
};

/**
 * Notifies every enterprise on a worklist, in checkpointed chunks: its active accounts through all their channels,
 * and an enterprise without an account by SMS and e-mail at the contact on the roster. The audit event counts
 * what went out by channel (never an address).
 */
export function remindHandler(ctx: AppContext) {
  const notifier = new Notifier();
  return async (job: JobContext): Promise<unknown> => {
    const params = job.params as unknown as WorklistJobParams & { kind: 'uncovered' | 'studyBehind' };
    const filter = await filterOf(ctx, params.filter);
    const expected = expectedMinutes(await ctx.settings.studySettings(), filter.year);
    let state: RemindCheckpoint = (job.checkpoint as RemindCheckpoint | null) ?? { after: 0, reminded: 0, accounts: 0 };
    let done = false;
    const notice = { kind: `coverage.${params.kind}`, ...REMINDERS[params.kind] };
    while (!done) {
      await job.step(async (trx) => {
        const ids =
          params.kind === 'uncovered'
            ? (await uncoveredQuery(trx, params.caller, filter).where('e.id', '>', state.after).orderBy('e.id').limit(500).execute()).map((r) => r.id)
            : [...new Set((await studyBehindQuery(trx, params.caller, filter, expected).where('e.id', '>', state.after).orderBy('e.id').limit(500).execute()).map((r) => r.enterprise_id))];
        let accounts = 0;
        let delivered = state.delivered ?? emptySummary();
        if (ids.length > 0) {
          const rows = await trx.selectFrom('accounts').select(['id', 'enterprise_id']).where('enterprise_id', 'in', ids).where('status', '=', 'active').execute();
          accounts = rows.length;
          delivered = addSummaries(delivered, await notifier.notify(trx, rows.map((r) => r.id), notice));
          const withAccount = new Set(rows.map((r) => r.enterprise_id));
          const contacts = await trx.selectFrom('enterprises').select(['id', 'name', 'org_unit_id', 'contact_phone', 'contact_email']).where('id', 'in', ids.filter((id) => !withAccount.has(id))).execute();
          if (contacts.length > 0) {
            delivered = addSummaries(
              delivered,
              await notifier.notifyContacts(
                trx,
                contacts.map((c) => ({ enterpriseId: c.id, orgUnitId: c.org_unit_id, name: c.name, phone: c.contact_phone, email: c.contact_email })),
                notice,
              ),
            );
          }
        }
        state = { after: ids.at(-1) ?? state.after, reminded: state.reminded + ids.length, accounts: state.accounts + accounts, delivered };
        if (ids.length < 500) {
          done = true;
          await recordAudit(trx, params.actor, {
            action: 'coverage.remind',
            targetType: 'job',
            targetId: job.job.id,
            details: { kind: params.kind, enterprises: state.reminded, accounts: state.accounts, ...delivered, filter: { ...params.filter } },
          });
        }
        return { done: state.reminded, checkpoint: state };
      });
    }
    return { enterprises: state.reminded, accounts: state.accounts, ...(state.delivered ?? emptySummary()) } satisfies z.infer<typeof worklistRemindResultSchema>;
  };
}
