import { z } from 'zod';
import { certificatePageSchema } from '../../../contract/certificates';
import { fileResponse, XLSX_TYPE } from '../../../contract/common';
import { CERTIFICATE_KINDS, CERTIFICATE_STATUSES } from '../../../domain/certificates';
import { callerOf } from '../../auth/guards';
import { clock } from '../../clock';
import type { AppContext } from '../../context';
import { sendXlsx, type ColumnDef } from '../../excel/workbook';
import { pageQuery, type ZodApp } from '../../http';
import { certificateFilterSchema, type CertificateRow } from './register-service';
import { certificatesServices } from './services';

const day = (d: Date | null) => (d ? new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10) : null);
const COLUMNS: ColumnDef<CertificateRow>[] = [
  { header: '证书编号', key: 'serial', width: 18, value: (r) => r.serial },
  { header: '种类', key: 'kind', width: 22, value: (r) => CERTIFICATE_KINDS[r.kind as keyof typeof CERTIFICATE_KINDS] ?? r.kind },
  { header: '持证人', key: 'holderName', width: 12, value: (r) => r.holderName },
  { header: '身份证号（脱敏）', key: 'idNumberMasked', width: 22, value: (r) => r.idNumberMasked },
  { header: '企业', key: 'enterpriseName', width: 30, value: (r) => r.enterpriseName },
  { header: '内容', key: 'detail', width: 30, value: (r) => r.detail },
  { header: '发证单位', key: 'orgUnitName', width: 14, value: (r) => r.orgUnitName },
  { header: '发证日期', key: 'issuedAt', width: 12, value: (r) => day(r.issuedAt) },
  { header: '有效期至', key: 'expiresAt', width: 12, value: (r) => day(r.expiresAt) },
  { header: '状态', key: 'status', width: 18, value: (r) => CERTIFICATE_STATUSES[r.status as keyof typeof CERTIFICATE_STATUSES] ?? r.status },
  { header: '状态变更原因', key: 'statusReason', width: 30, value: (r) => r.statusReason },
  { header: '状态变更日期', key: 'statusChangedAt', width: 12, value: (r) => day(r.statusChangedAt) },
];

/** 证书台账 (register-service.ts): the list and its Excel export. */
export function certificateRegisterRoutes(app: ZodApp, ctx: AppContext): void {
  const { register } = certificatesServices(ctx);
  const tags = ['certificates'];
  app.get(
    '/api/certificates',
    {
      config: { access: 'filings:review' },
      schema: {
        tags,
        summary: '证书台账（辖区内发出的备案证明、培训合格证、学时证明；状态与撤销）',
        querystring: z.object({ ...pageQuery, ...certificateFilterSchema.shape }),
        response: { 200: certificatePageSchema },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return { ...(await register.list(callerOf(request), filter, page, pageSize)), page, pageSize };
    },
  );

  app.get(
    '/api/certificates/export',
    {
      config: { access: 'filings:review', audit: 'certificate.register.export' },
      schema: {
        tags,
        summary: '导出证书台账（Excel；按当前筛选条件）',
        querystring: certificateFilterSchema,
        response: fileResponse([XLSX_TYPE], '证书台账 Excel'),
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      return sendXlsx(reply, `证书台账-${clock.today()}.xlsx`, '证书台账', COLUMNS, register.exportRows(caller, request.query));
    },
  );
}
