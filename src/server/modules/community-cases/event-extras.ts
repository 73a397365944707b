import { z } from 'zod';
import { REGISTRATION_STATUSES } from '../../../domain/community-cases';
import { hasPermission } from '../../../domain/permissions';
import { callerOf } from '../../auth/guards';
import type { SessionAccount } from '../../auth/session-store';
import type { AppContext } from '../../context';
import type { Database } from '../../db/database';
import type { ColumnDef } from '../../excel/workbook';
import type { ZodApp } from '../../http';
import { CommunityView } from '../community/access';
import { managesRegion } from './event-access';

const hostsSchema = z.object({
  /** the caller may publish an event of its own bureau */
  ownUnit: z.boolean(),
  ownUnitName: z.string().nullable(),
  /** the active 联盟/之家 the caller runs and may publish events for */
  organisations: z.array(z.object({ id: z.number(), name: z.string() })),
});

/** In whose name the caller may publish an event: the abilities the web's 发布活动 form is built from. */
export async function eventHosts(db: Database, caller: SessionAccount): Promise<z.infer<typeof hostsSchema>> {
  if (!hasPermission(caller.role, 'community:manage')) return { ownUnit: false, ownUnitName: null, organisations: [] };
  const view = await CommunityView.load(db, caller);
  const organisations = [...view.orgs.values()].filter((o) => o.manage && o.status === 'active').map((o) => ({ id: o.id, name: o.name }));
  const ownUnit = managesRegion(caller);
  return { ownUnit, ownUnitName: ownUnit ? `${caller.orgUnitName}市场监管局` : null, organisations };
}

export function eventHostRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    '/api/community/events/hosts',
    { config: { access: 'community:read' }, schema: { tags: ['community-events'], summary: '可以以哪些名义发布活动（本局、管理的联盟或之家）', response: { 200: hostsSchema } } },
    async (request) => eventHosts(ctx.db, callerOf(request)),
  );
}

export const attendanceItemSchema = z.object({ id: z.number(), name: z.string(), enterpriseName: z.string().nullable(), status: z.enum(['registered', 'waitlisted', 'cancelled']), registeredAt: z.date(), checkedInAt: z.date().nullable() });

/** The columns of the attendance export (报名与签到名单). */
export const attendanceColumns: ColumnDef<z.infer<typeof attendanceItemSchema>>[] = [
  { header: '姓名', key: 'name', width: 12, value: (r) => r.name },
  { header: '企业', key: 'enterprise', width: 36, value: (r) => r.enterpriseName },
  { header: '报名状态', key: 'status', width: 10, value: (r) => REGISTRATION_STATUSES[r.status] },
  { header: '报名时间', key: 'registeredAt', width: 20, value: (r) => r.registeredAt },
  { header: '签到时间', key: 'checkedInAt', width: 20, value: (r) => r.checkedInAt },
  { header: '是否签到', key: 'attended', width: 10, value: (r) => (r.checkedInAt ? '已签到' : '未签到') },
];
