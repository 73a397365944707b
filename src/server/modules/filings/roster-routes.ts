import { z } from 'zod';
import { fileResponse, XLSX_TYPE } from '../../../contract/common';
import { TRAINING_TIER_LABELS } from '../../../domain/training';
import { callerOf } from '../../auth/guards';
import { clock } from '../../clock';
import type { AppContext } from '../../context';
import { sendXlsx, type ColumnDef } from '../../excel/workbook';
import { pageQuery, type ZodApp } from '../../http';
import { rosterPageSchema } from '../../../contract/filing-register';
import { rosterFilterSchema, type RosterRow } from './roster';
import { filingServices } from './services';

const ROSTER_COLUMNS: ColumnDef<RosterRow>[] = [
  { header: '姓名', key: 'personName', width: 12, value: (r) => r.personName },
  { header: '身份证号（脱敏）', key: 'idNumberMasked', width: 22, value: (r) => r.idNumberMasked },
  { header: '企业名称', key: 'enterpriseName', width: 32, value: (r) => r.enterpriseName },
  { header: '统一社会信用代码', key: 'uscc', width: 22, value: (r) => r.uscc },
  { header: '主管单位', key: 'orgUnitName', width: 14, value: (r) => r.orgUnitName },
  { header: '聘任日期', key: 'appointmentDate', width: 12, value: (r) => r.appointmentDate },
  { header: '备案日期', key: 'filedAt', width: 12, value: (r) => (r.filedAt ? r.filedAt.toISOString().slice(0, 10) : null) },
  { header: '已取得培训层级', key: 'tier', width: 14, value: (r) => (r.tier ? TRAINING_TIER_LABELS[r.tier] : '未取得') },
  { header: '本年度学时', key: 'studyHours', width: 12, value: (r) => r.studyHours },
  { header: '年度目标学时', key: 'targetHours', width: 12, value: (r) => r.targetHours },
  { header: '警示（在效）', key: 'warnings', width: 10, value: (r) => r.warnings },
];

export function rosterRoutes(app: ZodApp, ctx: AppContext): void {
  const { roster } = filingServices(ctx);
  const tags = ['filings'];

  app.get(
    '/api/officer-roster',
    {
      config: { access: 'filings:read' },
      schema: {
        tags,
        summary: '首席质量官名册（管辖范围内在任；培训层级、本年度学时、警示）',
        querystring: z.object({ ...pageQuery, ...rosterFilterSchema.shape }),
        response: { 200: rosterPageSchema },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return { ...(await roster.list(callerOf(request), filter, page, pageSize)), page, pageSize };
    },
  );

  app.get(
    '/api/officer-roster/export',
    {
      config: { access: 'filings:read', audit: 'filing.roster.export' },
      schema: {
        tags,
        summary: '导出首席质量官名册（Excel；按当前筛选条件；身份证号脱敏）',
        querystring: rosterFilterSchema,
        response: fileResponse([XLSX_TYPE], '首席质量官名册 Excel'),
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      return sendXlsx(reply, `首席质量官名册-${clock.today()}.xlsx`, '首席质量官名册', ROSTER_COLUMNS, roster.exportRows(caller, request.query));
    },
  );
}
