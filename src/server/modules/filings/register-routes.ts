import { SEGMENTS, type Segment } from '../../../domain/eligibility';
import { fileResponse, XLSX_TYPE } from '../../../contract/common';
import { FILING_END_KINDS, FILING_STATUSES } from '../../../domain/filing-input';
import { actorOf, callerOf } from '../../auth/guards';
import { clock } from '../../clock';
import type { AppContext } from '../../context';
import { sendXlsx, type ColumnDef } from '../../excel/workbook';
import type { ZodApp } from '../../http';
import { bulkReviewResultSchema } from '../../../contract/filing-register';
import { bulkReviewSchema } from './bulk-review';
import { filingFilterSchema } from './register';
import type { FilingViews } from './views';
import { filingServices } from './services';

type RegisterRow = Awaited<ReturnType<FilingViews['list']>>['items'][number];
const dateText = (d: Date | string | null) => (d === null ? null : typeof d === 'string' ? d : d.toISOString().slice(0, 10));
const segmentOfRow = (r: Pick<RegisterRow, 'eligibility'>) => (r.eligibility as { segment?: Segment } | null)?.segment;

/** 备案台账 columns: the ID number only masked. */
const REGISTER_COLUMNS: ColumnDef<Omit<RegisterRow, 'canReview'>>[] = [
  { header: '企业名称', key: 'enterpriseName', width: 32, value: (r) => r.enterpriseName },
  { header: '统一社会信用代码', key: 'uscc', width: 22, value: (r) => r.uscc },
  {
    header: '企业类别',
    key: 'segment',
    width: 12,
    value: (r) => {
      const s = segmentOfRow(r);
      return s ? SEGMENTS[s] : null;
    },
  },
  { header: '主管单位', key: 'orgUnitName', width: 14, value: (r) => r.orgUnitName },
  { header: '首席质量官', key: 'personName', width: 12, value: (r) => r.personName },
  { header: '身份证号（脱敏）', key: 'idNumberMasked', width: 22, value: (r) => r.idNumberMasked },
  { header: '状态', key: 'status', width: 10, value: (r) => FILING_STATUSES[r.status as keyof typeof FILING_STATUSES] ?? r.status },
  { header: '聘任日期', key: 'appointmentDate', width: 12, value: (r) => r.appointmentDate },
  { header: '提交日期', key: 'submittedAt', width: 12, value: (r) => dateText(r.submittedAt) },
  { header: '审核期限', key: 'reviewDeadline', width: 12, value: (r) => r.reviewDeadline },
  { header: '轮次', key: 'round', width: 6, value: (r) => r.round },
  { header: '决定日期', key: 'decidedAt', width: 12, value: (r) => dateText(r.decidedAt) },
  { header: '破格备案', key: 'override', width: 8, value: (r) => (r.overrideReason ? '是' : '') },
  {
    header: '结束方式',
    key: 'endKind',
    width: 12,
    value: (r) => (r.endKind ? (FILING_END_KINDS[r.endKind as keyof typeof FILING_END_KINDS] ?? r.endKind) : null),
  },
  { header: '结束日期', key: 'endedAt', width: 12, value: (r) => r.endedAt },
  { header: '备案证明编号', key: 'proofSerial', width: 18, value: (r) => r.proofSerial },
];

/** The filing register's export (备案台账) and bulk review; the list itself is GET /api/filings. */
export function filingRegisterRoutes(app: ZodApp, ctx: AppContext): void {
  const { register } = filingServices(ctx);
  const tags = ['filings'];

  app.get(
    '/api/filings/export',
    {
      config: { access: 'filings:read', audit: { action: 'filing.export', targetType: 'filing' } },
      schema: {
        tags,
        summary: '导出备案台账（Excel；管辖范围内、按当前筛选条件；身份证号脱敏）',
        querystring: filingFilterSchema,
        response: fileResponse([XLSX_TYPE], '备案台账 Excel'),
      },
    },
    async (request, reply) => {
      return sendXlsx(reply, `备案台账-${clock.today()}.xlsx`, '备案台账', REGISTER_COLUMNS, register.exportRows(callerOf(request), request.query));
    },
  );

  app.post(
    '/api/filings/bulk-review',
    {
      config: { access: 'filings:review' },
      schema: {
        tags,
        summary: '批量予以备案或批量退回补正（每份备案按单份审核的规则逐一办理、逐一答复；需破格理由的不在批量中予以备案；一次最多 100 份）',
        body: bulkReviewSchema,
        response: { 200: bulkReviewResultSchema },
      },
    },
    (request) => register.bulkReview(callerOf(request), actorOf(request), request.body),
  );
}
