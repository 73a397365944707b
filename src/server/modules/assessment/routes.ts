import { z } from 'zod';
import { fileResponse, XLSX_TYPE } from '../../../contract/common';
import { schemeInputSchema } from '../../../domain/assessment';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import type { ColumnDef } from '../../excel/workbook';
import { sendXlsx } from '../../excel/workbook';
import type { ZodApp } from '../../http';
import { assessmentResultSchema, assessmentSchemeSchema, assessmentSchemesSchema, schemeSavedSchema } from '../../../contract/assessment';
import type { AssessmentRow } from './service';
import { assessmentServices } from './services';

const tags = ['assessment'];
const year = z.coerce.number().int().min(2000, { error: '年度无效' }).max(2200, { error: '年度无效' });
const resultsQuery = z.object({
  year: year.optional().meta({ title: '年度' }),
  version: z.coerce.number().int().min(0, { error: '版本号无效' }).optional().meta({ title: '版本' }),
});

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
  const { assessment } = assessmentServices(ctx);
  app.get(
    '/api/assessment/schemes',
    {
      config: { access: 'statistics:read' },
      schema: { tags, summary: '考核方案：各年度各版本，以及编辑所需的指标类型、企业类别与职责类别', response: { 200: assessmentSchemesSchema } },
    },
    (request) => assessment.schemes(callerOf(request)),
  );

  app.get(
    '/api/assessment/schemes/:year',
    {
      config: { access: 'statistics:read' },
      schema: {
        tags,
        summary: '某年度的考核方案（未设置的年度沿用此前最近年度的方案或默认方案）',
        params: z.object({ year: year.meta({ title: '年度' }) }),
        querystring: z.object({ version: resultsQuery.shape.version.meta({ title: '版本' }) }),
        response: { 200: assessmentSchemeSchema },
      },
    },
    (request) => assessment.scheme(request.params.year, request.query.version),
  );

  app.put(
    '/api/assessment/schemes/:year',
    {
      config: { access: 'targets:manage' },
      schema: {
        tags,
        summary: '保存某年度考核方案的新版本（省局；version 为载入的版本，尚无方案为 0；往年方案不能修改）',
        params: z.object({ year: year.meta({ title: '年度' }) }),
        body: schemeInputSchema.and(z.object({ version: z.number({ error: '版本号应为数字' }).int().min(0, { error: '版本号无效' }).meta({ title: '版本' }) })),
        response: { 200: schemeSavedSchema },
      },
    },
    (request) => assessment.saveScheme(actorOf(request), request.params.year, request.body),
  );

  app.get(
    '/api/assessment/results',
    {
      config: { access: 'statistics:read' },
      schema: {
        tags,
        summary: '考核结果：各设区市、县（市、区）的综合得分、等次、同级排名及各指标依据',
        querystring: resultsQuery,
        response: { 200: assessmentResultSchema },
      },
    },
    (request) => assessment.results(callerOf(request), request.query.year, request.query.version),
  );

  app.get(
    '/api/assessment/results/export',
    {
      config: { access: 'statistics:read' },
      schema: { tags, summary: '导出考核结果（Excel，记入审计日志）', querystring: resultsQuery, response: fileResponse([XLSX_TYPE], '考核结果 Excel') },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const result = await assessment.exportResults(caller, actorOf(request), request.query.year, request.query.version);
      return sendXlsx(
        reply,
        `首席质量官制度考核结果-${caller.orgUnitName}-${String(result.year)}.xlsx`,
        `${String(result.year)}年考核结果`,
        exportColumns(result.rows[0]?.indicators ?? []),
        [result.rows],
      );
    },
  );
}
