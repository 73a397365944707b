import { z } from 'zod';
import { INDICATOR_INFO, INDICATOR_KINDS, schemeInputSchema } from '../../../domain/assessment';
import { hasPermission } from '../../../domain/permissions';
import { DUTY_CLAUSES, DUTY_KINDS, type DutyKindKey } from '../../../domain/supervision';
import { recordAuditAlone } from '../../audit/audit-log';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import type { ColumnDef } from '../../excel/workbook';
import { sendXlsx } from '../../excel/workbook';
import type { ZodApp } from '../../http';
import { CoverageService, currentYear } from '../coverage/service';
import { assessment, type AssessmentRow } from './service';
import { listSchemeVersions, saveScheme, schemeFor } from './schemes';

const tags = ['assessment'];
const year = z.coerce.number().int().min(2000, { error: '年度无效' }).max(2200, { error: '年度无效' });
const resultsQuery = z.object({ year: year.optional(), version: z.coerce.number().int().min(0, { error: '版本号无效' }).optional() });

const LEVELS = { province: '省', city: '设区市', county: '县（市、区）' } as const;

/** Excel columns: the region, its composite, grade and rank, then each indicator's score and the figures behind it. */
function exportColumns(indicators: AssessmentRow['indicators']): ColumnDef<AssessmentRow>[] {
  const cols: ColumnDef<AssessmentRow>[] = [
    { header: '地区', key: 'name', width: 16, value: (r) => r.name },
    { header: '层级', key: 'level', width: 12, value: (r) => LEVELS[r.level] },
    { header: '上级', key: 'parent', width: 12, value: (r) => r.parentName ?? '' },
    { header: '综合得分', key: 'score', width: 10, value: (r) => r.score ?? '无数据' },
    { header: '等次', key: 'grade', width: 8, value: (r) => r.grade ?? '不评定' },
    { header: '同级排名', key: 'rank', width: 10, value: (r) => (r.rank === null ? '—' : `${String(r.rank)}/${String(r.peers)}`) },
  ];
  indicators.forEach((ind, i) => {
    cols.push({ header: `${ind.label}（权重 ${String(ind.weight)}）得分`, key: `s${String(i)}`, width: 14, value: (r) => r.indicators[i]?.score ?? '无数据' });
    cols.push({ header: `${ind.label}依据`, key: `d${String(i)}`, width: 36, value: (r) => r.indicators[i]?.detail ?? '' });
  });
  return cols;
}

/** 考核 as data (policy §八): the yearly scheme the province keeps, and each city's and county's score, grade and rank. */
export function assessmentRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    '/api/assessment/schemes',
    { config: { access: 'statistics:read' }, schema: { tags, summary: '考核方案：各年度各版本，以及编辑所需的指标类型、企业类别与职责类别' } },
    async (request) => {
      const segments = await new CoverageService(ctx.db).segments();
      return {
        versions: await listSchemeVersions(ctx.db),
        kinds: INDICATOR_KINDS.map((kind) => ({ kind, ...INDICATOR_INFO[kind] })),
        segments: segments.map((s) => ({ code: s.code, name: s.name })),
        dutyKinds: (Object.keys(DUTY_KINDS) as DutyKindKey[]).map((kind) => ({ kind, label: DUTY_KINDS[kind], clause: DUTY_CLAUSES[kind].clause })),
        currentYear: currentYear(),
        canEdit: hasPermission(callerOf(request).role, 'targets:manage'),
      };
    },
  );

  app.get(
    '/api/assessment/schemes/:year',
    { config: { access: 'statistics:read' }, schema: { tags, summary: '某年度的考核方案（未设置的年度沿用此前最近年度的方案或默认方案）', params: z.object({ year }), querystring: z.object({ version: resultsQuery.shape.version }) } },
    (request) => schemeFor(ctx.db, request.params.year, request.query.version),
  );

  app.put(
    '/api/assessment/schemes/:year',
    {
      config: { access: 'targets:manage' },
      schema: {
        tags,
        summary: '保存某年度考核方案的新版本（省局；version 为载入的版本，尚无方案为 0；往年方案不能修改）',
        params: z.object({ year }),
        body: schemeInputSchema.and(z.object({ version: z.number({ error: '版本号应为数字' }).int().min(0, { error: '版本号无效' }) })),
      },
    },
    (request) => saveScheme(ctx.db, actorOf(request), request.params.year, currentYear(), request.body),
  );

  app.get(
    '/api/assessment/results',
    { config: { access: 'statistics:read' }, schema: { tags, summary: '考核结果：各设区市、县（市、区）的综合得分、等次、同级排名及各指标依据', querystring: resultsQuery } },
    (request) => assessment(ctx.dbRead, ctx.settings, callerOf(request), request.query.year ?? currentYear(), request.query.version),
  );

  app.get(
    '/api/assessment/results/export',
    { config: { access: 'statistics:read' }, schema: { tags, summary: '导出考核结果（Excel，记入审计日志）', querystring: resultsQuery } },
    async (request, reply) => {
      const caller = callerOf(request);
      const result = await assessment(ctx.dbRead, ctx.settings, caller, request.query.year ?? currentYear(), request.query.version);
      await recordAuditAlone(ctx.db, actorOf(request), {
        action: 'assessment.export',
        targetType: 'assessment',
        targetId: result.year,
        details: { year: result.year, schemeYear: result.scheme.year, schemeVersion: result.scheme.version, rows: result.rows.length, orgUnit: caller.orgUnitName },
      });
      return sendXlsx(reply, `首席质量官制度考核结果-${caller.orgUnitName}-${String(result.year)}.xlsx`, `${String(result.year)}年考核结果`, exportColumns(result.rows[0]?.indicators ?? []), [result.rows]);
    },
  );
}
