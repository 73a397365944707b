import { z } from 'zod';
import { auditActionsSchema, auditEventPageSchema } from '../../../contract/admin';
import { fileResponse, jobIdSchema, XLSX_TYPE } from '../../../contract/common';
import { ROLE_LABELS, type Role } from '../../../domain/permissions';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import type { AuditEventRow } from '../../db/types';
import { sendXlsx, type ColumnDef } from '../../excel/workbook';
import { pageQuery, type ZodApp } from '../../http';
import type { ModuleLoans } from '../module';
import { auditServices } from './services';
import { clock } from '../../clock';

const filterSchema = z.object({
  from: z.coerce.date().optional().meta({ title: '开始时间' }),
  to: z.coerce.date().optional().meta({ title: '结束时间' }),
  username: z.string().trim().max(64).optional().meta({ title: '用户名' }),
  action: z.string().trim().max(64).optional().meta({ title: '操作' }),
  result: z.enum(['success', 'failure']).optional().meta({ title: '结果' }),
});

const toDto = (r: AuditEventRow, label: (action: string) => string) => ({
  id: r.id,
  seq: r.seq,
  occurredAt: r.occurred_at,
  actorUsername: r.actor_username,
  actorRole: r.actor_role,
  ip: r.ip,
  action: r.action,
  actionLabel: label(r.action),
  targetType: r.target_type,
  targetId: r.target_id,
  result: r.result,
  details: r.details,
});

const columns = (label: (action: string) => string): ColumnDef<AuditEventRow>[] => [
  { header: '序号', key: 'seq', width: 10, value: (r) => r.seq },
  { header: '时间', key: 'time', width: 22, value: (r) => r.occurred_at.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) },
  { header: '账户', key: 'username', value: (r) => r.actor_username },
  { header: '角色', key: 'role', value: (r) => (r.actor_role ? (ROLE_LABELS[r.actor_role as Role] ?? r.actor_role) : null) },
  { header: 'IP 地址', key: 'ip', value: (r) => r.ip },
  { header: '操作', key: 'action', width: 18, value: (r) => label(r.action) },
  { header: '操作代码', key: 'actionCode', width: 24, value: (r) => r.action },
  { header: '对象', key: 'target', value: (r) => (r.target_type ? `${r.target_type}#${r.target_id ?? ''}` : null) },
  { header: '结果', key: 'result', width: 8, value: (r) => (r.result === 'success' ? '成功' : '失败') },
  { header: '详情', key: 'details', width: 40, value: (r) => JSON.stringify(r.details) },
  { header: '哈希', key: 'hash', width: 66, value: (r) => r.hash },
];

/** The audit log's routes; its labels come from every module's declared audit actions (`lent.auditActions`). */
export function auditRoutes(app: ZodApp, ctx: AppContext, lent: ModuleLoans): void {
  const { auditLog } = auditServices(ctx);
  const label = (action: string) => lent.auditActions.label(action);
  const COLUMNS = columns(label);
  const tags = ['audit'];

  app.get(
    '/api/audit-events',
    {
      config: { access: 'audit:read' },
      schema: { tags, summary: '审计日志', querystring: filterSchema.extend(pageQuery), response: { 200: auditEventPageSchema } },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      const { items, total } = await auditLog.list(filter, page, pageSize);
      return { items: items.map((r) => toDto(r, label)), total, page, pageSize };
    },
  );

  app.get(
    '/api/audit-events/actions',
    { config: { access: 'audit:read' }, schema: { tags, summary: '已出现的操作类型', response: { 200: auditActionsSchema } } },
    async () => (await auditLog.actions()).map((action) => ({ action, label: label(action) })),
  );

  app.get(
    '/api/audit-events/export',
    {
      config: { access: 'audit:export' },
      schema: { tags, summary: '导出审计日志（Excel）', querystring: filterSchema, response: fileResponse([XLSX_TYPE], '审计日志 Excel') },
    },
    async (request, reply) => {
      const rows = await auditLog.export(actorOf(request), request.query);
      const stamp = clock.now().toISOString().slice(0, 10);
      return sendXlsx(reply, `审计日志-${stamp}.xlsx`, '审计日志', COLUMNS, rows);
    },
  );

  app.post(
    '/api/audit-events/verify',
    {
      config: { access: 'audit:read' },
      schema: { tags, summary: '启动审计日志完整性校验（后台任务）', response: { 202: jobIdSchema } },
    },
    async (request, reply) => {
      return reply.code(202).send({ jobId: await auditLog.startVerify(callerOf(request), request.ip) });
    },
  );
}
