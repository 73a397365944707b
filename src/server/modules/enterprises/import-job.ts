import { sql } from 'kysely';
import type { z } from 'zod';
import { enterpriseInputSchema, ENTERPRISE_FIELD_LABELS } from '../../../domain/enterprise-input';
import { recordAudit, type Actor } from '../../audit/audit-log';
import { scopeOf } from '../../auth/scope';
import type { AppContext } from '../../context';
import type { EnterpriseRow } from '../../db/types';
import { readXlsxRecords, writeXlsxFile, XLSX_MESSAGES, XlsxError, type ColumnDef, type ReadXlsxOptions } from '../../excel/workbook';
import { jobCaller, sameScope, type JobCaller } from '../../jobs/job-caller';
import { PermanentJobError, type JobContext } from '../../jobs/runner';
import { FileNotFound, type LocalCopy } from '../../storage/file-store';
import { IMPORT_COLUMNS, missingHeaders, recordToInput } from './excel';
import { diff, relocateEnterprise, sectionOf, toValues, TRACKED_FIELDS, type EnterpriseValues } from './service';
import { clock } from '../../clock';
import type { enterpriseImportResultSchema } from '../../../contract/enterprises';

/** The job's result as the web reads it (src/contract/enterprises.ts). */
type ImportResult = z.infer<typeof enterpriseImportResultSchema>;

export const ENTERPRISE_IMPORT = 'enterprise.import';

/** The import's params; its scope is the one of the account that queued it (the job's owner) when it runs. */
export interface ImportParams {
  fileKey: string;
  fileName: string;
  actor: Actor;
}

interface Checkpoint {
  phase: 'stage' | 'load';
  staged: number;
  loaded: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows for enterprises another bureau took over between validation and loading (reported: 另有 N 行未导入). */
  skipped: number;
  /**
   * The importer as it stood when the rows were checked: staging that resumes under a changed scope starts again
   * (every row checked in one scope), and a load that resumes finishes in the scope its rows were checked in.
   */
  owner?: JobCaller;
}

const STAGE_CHUNK = 2000;
const LOAD_CHUNK = 2000;

type Unit = { id: number; code: string; name: string; kind: string; path: string };

/**
 * Imports the enterprise roster from an uploaded .xlsx in two resumable phases:
 *  stage — stream the file, validate every row (schema, duplicates in the file, unit in the importer's scope,
 *          enterprises already managed by another bureau) into `enterprise_import_rows`;
 *  load  — only when no row is bad: upsert by USCC in chunks, recording history for changed records.
 * A file with any bad row loads nothing and yields an error report (the rows plus 错误说明). The importer's scope is
 * its account's as the job runs (`jobCaller`, checked again on every resumption: a disabled account or one without
 * the permission ends the job, leaving nothing staged), kept in the checkpoint with the rows checked in it.
 */
export function enterpriseImportHandler(ctx: AppContext) {
  const run = importRun(ctx);
  return async (job: JobContext): Promise<unknown> => {
    try {
      return await run(job);
    } catch (err) {
      const refused = err instanceof XlsxError ? new ImportRefused(err.message) : err;
      // a file that cannot be imported, or an importer who may no longer import, leaves nothing behind: no staged rows,
      // no checkpoint, no upload (a load already under way keeps what it committed; the job says why it stopped)
      if (refused instanceof PermanentJobError) await discard(ctx, job);
      throw refused;
    }
  };
}

/** Reading options of the import: the deployment's inflate limit, and the job's abort signal. */
const readOptions = (ctx: AppContext, job: JobContext): ReadXlsxOptions => ({
  limits: { maxInflatedBytes: ctx.config.importMaxInflatedBytes },
  signal: job.signal,
});

async function discard(ctx: AppContext, job: JobContext): Promise<void> {
  const params = job.params as unknown as ImportParams;
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('enterprise_import_rows').where('job_id', '=', job.job.id).execute();
    await trx
      .updateTable('jobs')
      .set({ checkpoint: JSON.stringify(null), progress_done: 0 })
      .where('id', '=', job.job.id)
      .execute();
  });
  await ctx.files.remove(params.fileKey);
}

function importRun(ctx: AppContext) {
  return async (job: JobContext): Promise<unknown> => {
    // the reader needs a path: a temporary copy of the stored file, for this run only
    const source = ctx.files.localCopy((job.params as unknown as ImportParams).fileKey);
    try {
      return await importFrom(ctx, source)(job);
    } catch (err) {
      // the upload is gone (cleaned up, or a store restored without it): retrying cannot bring it back
      if (err instanceof FileNotFound) throw new ImportRefused(XLSX_MESSAGES.missing);
      throw err;
    } finally {
      await source.dispose();
    }
  };
}

function importFrom(ctx: AppContext, source: LocalCopy) {
  return async (job: JobContext): Promise<unknown> => {
    const params = job.params as unknown as ImportParams;
    const jobId = job.job.id;
    let cp: Checkpoint = (job.checkpoint as Checkpoint | null) ?? { phase: 'stage', staged: 0, loaded: 0, inserted: 0, updated: 0, unchanged: 0, skipped: 0 };

    // an upload that is gone fails the job first; then the importer, as its account stands now
    if (cp.phase === 'stage') await source.path();
    const current = await jobCaller(ctx.db, job.job.owner_account_id, 'enterprises:manage');
    if (cp.phase === 'stage' && cp.owner && !sameScope(cp.owner, current)) {
      // moved since the rows staged so far were checked: check the whole file again in the new scope
      await ctx.db.deleteFrom('enterprise_import_rows').where('job_id', '=', jobId).execute();
      cp = { phase: 'stage', staged: 0, loaded: 0, inserted: 0, updated: 0, unchanged: 0, skipped: 0 };
    }
    const owner = cp.owner ?? current;
    cp = { ...cp, owner };
    const scope = scopeOf(owner);
    const units = new Map<string, Unit>(
      (await ctx.db.selectFrom('org_units as u').select(['u.id', 'u.code', 'u.name', 'u.kind', 'u.path']).where(scope.region('u.id')).execute()).map((u) => [
        u.code,
        u,
      ]),
    );

    if (cp.phase === 'stage') {
      // USCCs seen in rows already staged (a resumed job keeps finding duplicates across the restart)
      const seen = new Map<string, number>();
      for (const r of (
        await sql<{ uscc: string | null; row_no: number }>`select data->>'uscc' as uscc, row_no from enterprise_import_rows where job_id = ${jobId}`.execute(
          ctx.db,
        )
      ).rows) {
        if (r.uscc) seen.set(r.uscc, r.row_no);
      }
      let batch: { rowNo: number; values: EnterpriseValues | null; errors: string[] }[] = [];
      let index = 0;
      const flush = async () => {
        const rows = batch;
        batch = [];
        const staged = cp.staged + rows.length;
        await job.step(async (trx) => {
          const usccs = rows.flatMap((r) => (r.values ? [r.values.uscc] : []));
          if (usccs.length) {
            const existing = await trx
              .selectFrom('enterprises as e')
              .innerJoin('org_units as o', 'o.id', 'e.org_unit_id')
              .select(['e.uscc', 'o.name', scope.region('e.org_unit_id').as('inScope')])
              .where('e.uscc', 'in', usccs)
              .execute();
            const foreign = new Map(existing.filter((e) => !e.inScope).map((e) => [e.uscc, e.name]));
            for (const r of rows) {
              const owner = r.values ? foreign.get(r.values.uscc) : undefined;
              if (owner) r.errors.push(`该企业已在名录中，由${owner}管辖，不能导入`);
            }
          }
          await trx
            .insertInto('enterprise_import_rows')
            .values(rows.map((r) => ({ job_id: jobId, row_no: r.rowNo, data: JSON.stringify(r.errors.length ? null : r.values), errors: r.errors })))
            .execute();
          return { done: staged, total: null, checkpoint: { ...cp, staged } };
        });
        cp = { ...cp, staged };
      };

      let headersChecked = false;
      for await (const [rowNo, record] of readXlsxRecords(await source.path(), readOptions(ctx, job))) {
        if (!headersChecked) {
          const missing = missingHeaders(Object.keys(record));
          if (missing.length) throw new ImportRefused(`文件缺少必填列：${missing.join('、')}。请使用系统提供的导入模板。`);
          headersChecked = true;
        }
        index += 1;
        if (index <= cp.staged) continue; // staged before a restart
        const errors: string[] = [];
        const parsed = enterpriseInputSchema.safeParse(recordToInput(record));
        let values: EnterpriseValues | null = null;
        if (!parsed.success) {
          for (const issue of parsed.error.issues) {
            const field = String(issue.path[0] ?? '');
            const header = IMPORT_COLUMNS.find((c) => c.input.field === field)?.header ?? ENTERPRISE_FIELD_LABELS[field] ?? field;
            errors.push(issue.message.startsWith(header) ? issue.message : `${header}：${issue.message}`);
          }
        } else {
          const unit = units.get(parsed.data.orgUnitCode);
          if (!unit) errors.push(`所属单位代码：“${parsed.data.orgUnitCode}”不存在或不在您的管辖范围内`);
          else if (unit.kind === 'province') errors.push('所属单位代码：企业应归属到设区市、县（市、区）或开发区/园区');
          else values = toValues(parsed.data, unit, sectionOf(parsed.data.industryCode));
          const first = seen.get(parsed.data.uscc);
          if (first !== undefined) errors.push(`统一社会信用代码：与第 ${first} 行重复`);
          else seen.set(parsed.data.uscc, rowNo);
        }
        batch.push({ rowNo, values, errors });
        if (batch.length >= STAGE_CHUNK) await flush();
      }
      if (!headersChecked) throw new ImportRefused('文件中没有数据行');
      if (batch.length) await flush();

      const bad = await ctx.db
        .selectFrom('enterprise_import_rows')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('job_id', '=', jobId)
        .where(sql<boolean>`cardinality(errors) > 0`)
        .executeTakeFirstOrThrow();
      if (Number(bad.n) > 0) return reject(ctx, job, params, source, cp.staged, Number(bad.n));
      cp = { ...cp, phase: 'load' };
    }

    // load: chunk by chunk from the staged rows. Known USCCs are compared in JS (history for what changed,
    // nothing for what did not); new ones go in with one INSERT … SELECT straight from the staging table.
    const pathById = new Map([...units.values()].map((u) => [u.id, u.path] as const));
    const lastRow = Number(
      (await sql<{ n: number | null }>`select max(row_no) as n from enterprise_import_rows where job_id = ${jobId}`.execute(ctx.db)).rows[0]?.n ?? 0,
    );
    while (cp.loaded < lastRow) {
      const from = cp.loaded;
      const to = from + LOAD_CHUNK;
      await job.step(async (trx) => {
        let { inserted, updated, unchanged, skipped } = cp;
        if (from === 0) {
          // the changes start here: their audit event commits with the first of them
          await recordAudit(trx, params.actor, {
            action: 'enterprise.import.load',
            targetType: 'job',
            targetId: jobId,
            details: { fileName: params.fileName, rows: cp.staged },
          });
        }
        const known = await sql<{ values: EnterpriseValues; before: EnterpriseRow; inScope: boolean }>`
          select s.data as values, to_jsonb(e) as before, ${scope.region('e.org_unit_id')} as "inScope"
          from enterprise_import_rows s join enterprises e on e.uscc = s.data->>'uscc'
          where s.job_id = ${jobId} and s.row_no > ${from} and s.row_no <= ${to}`.execute(trx);
        const changes: { enterprise_id: number; actor_account_id: number | null; actor_username: string | null; kind: string; changes: string }[] = [];
        for (const { values: staged, before, inScope } of known.rows) {
          // another bureau took the enterprise over after validation: leave it alone and say so
          if (!inScope) {
            skipped += 1;
            continue;
          }
          // flags a bureau already checked stay quiet while the responsible unit is the same
          const v =
            before.flags_checked_unit_path !== null && before.flags_checked_unit_path === pathById.get(staged.org_unit_id)
              ? { ...staged, review_flags: [] }
              : staged;
          const d = diff(before, v);
          if (Object.keys(d).length === 0 && before.review_flags.join() === v.review_flags.join()) {
            unchanged += 1;
            continue;
          }
          await trx
            .updateTable('enterprises')
            .set({ ...updatable(v), updated_at: clock.now(), version: sql<number>`version + 1` })
            .where('id', '=', before.id)
            .execute();
          if (d.org_unit_id) await relocateEnterprise(trx, before.id, v.org_unit_id);
          if (Object.keys(d).length)
            changes.push({
              enterprise_id: before.id,
              actor_account_id: params.actor.accountId,
              actor_username: params.actor.username,
              kind: 'import',
              changes: JSON.stringify(d),
            });
          updated += 1;
        }
        if (changes.length) await trx.insertInto('enterprise_changes').values(changes).execute();
        const fresh = await sql`
          insert into enterprises (uscc, name, org_unit_id, address, legal_representative, contact_person, contact_phone,
            industry_section, industry_division, scale, ownership, above_scale, above_scale_year, status, review_flags, source, created_by)
          select r.uscc, r.name, r.org_unit_id, r.address, r.legal_representative, r.contact_person, r.contact_phone,
            r.industry_section, r.industry_division, r.scale, r.ownership, r.above_scale, r.above_scale_year, r.status, r.review_flags,
            'imported', ${params.actor.accountId}::bigint
          from enterprise_import_rows s, jsonb_populate_record(null::enterprises, s.data) r
          where s.job_id = ${jobId} and s.row_no > ${from} and s.row_no <= ${to}
          on conflict (uscc) do nothing`.execute(trx);
        inserted += Number(fresh.numAffectedRows ?? 0);
        cp = { ...cp, loaded: to, inserted, updated, unchanged, skipped };
        return { done: inserted + updated + unchanged + skipped, total: cp.staged, checkpoint: cp };
      });
    }

    const summary: ImportResult = {
      ok: true,
      fileName: params.fileName,
      rows: cp.staged,
      inserted: cp.inserted,
      updated: cp.updated,
      unchanged: cp.unchanged,
      skipped: cp.skipped,
    };
    await ctx.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('enterprise_import_rows').where('job_id', '=', jobId).execute();
      await recordAudit(trx, params.actor, { action: 'enterprise.import', targetType: 'job', targetId: jobId, details: summary });
    });
    await ctx.files.remove(params.fileKey);
    return summary;
  };
}

/** A file that cannot be imported at all (wrong columns, empty): the job ends with this message, not retried. */
export class ImportRefused extends PermanentJobError {}

function updatable(v: EnterpriseValues) {
  const out: Partial<EnterpriseValues> = { industry_section: v.industry_section, review_flags: v.review_flags };
  for (const [column] of TRACKED_FIELDS) (out as Record<string, unknown>)[column] = v[column];
  return out;
}

interface ReportRow {
  rowNo: number;
  record: Record<string, string>;
  errors: string[];
}

/** Writes the error report (every row of the file as read, plus 错误说明), records the refusal and cleans up. */
async function reject(ctx: AppContext, job: JobContext, params: ImportParams, source: LocalCopy, rows: number, badRows: number) {
  const jobId = job.job.id;
  const errors = new Map(
    (
      await ctx.db
        .selectFrom('enterprise_import_rows')
        .select(['row_no', 'errors'])
        .where('job_id', '=', jobId)
        .where(sql<boolean>`cardinality(errors) > 0`)
        .execute()
    ).map((r) => [r.row_no, r.errors] as const),
  );
  const columns: ColumnDef<ReportRow>[] = [
    { header: '行号', key: 'rowNo', width: 8, value: (r) => r.rowNo },
    ...IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 16, value: (r: ReportRow) => r.record[c.header] ?? '' })),
    { header: '错误说明', key: 'errors', width: 60, value: (r) => r.errors.join('；') || null },
  ];
  async function* pages(): AsyncGenerator<ReportRow[]> {
    let page: ReportRow[] = [];
    for await (const [rowNo, record] of readXlsxRecords(await source.path(), readOptions(ctx, job))) {
      page.push({ rowNo, record, errors: errors.get(rowNo) ?? [] });
      if (page.length >= 5000) {
        yield page;
        page = [];
      }
    }
    if (page.length) yield page;
  }
  const report = await ctx.files.write('import-reports', 'xlsx', (file) => writeXlsxFile(file, '错误报告', columns, pages()));
  const summary: ImportResult = {
    ok: false,
    fileName: params.fileName,
    rows,
    badRows,
    reportFileName: `导入错误报告-${params.fileName.replace(/\.xlsx$/i, '')}.xlsx`,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('enterprise_import_rows').where('job_id', '=', jobId).execute();
    await trx.updateTable('jobs').set({ result_file: report.key }).where('id', '=', jobId).execute();
    await recordAudit(trx, params.actor, { action: 'enterprise.import', result: 'failure', targetType: 'job', targetId: jobId, details: summary });
  });
  await ctx.files.remove(params.fileKey);
  return summary;
}
