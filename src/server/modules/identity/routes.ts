import { sql } from 'kysely';
import { z } from 'zod';
import { actorOf, callerOf } from '../../auth/guards';
import { inRegionScope } from '../../auth/scope';
import type { AppContext } from '../../context';
import { idParams, type ZodApp } from '../../http';
import { confirmLink, personInScope, refuseLink, revokeLink } from './links';

const note = (label: string) => z.object({ note: z.string().trim().min(2, { error: `请填写${label}（至少 2 个字）` }).max(500) });

/**
 * The bureau's side of identity links: pending requests in its region (with the person on file, the inviting
 * enterprise and the person's filings, whose appointment letters it checks), 确认身份关联 / 不予关联, the recent
 * links in scope and 撤销关联. The officer's side: the state of its own request.
 */
export function identityRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['identity'];

  app.get(
    '/api/identity/link-requests',
    {
      config: { access: 'filings:review' },
      schema: { tags, summary: '身份关联申请（管辖范围内）', querystring: z.object({ status: z.enum(['pending', 'confirmed', 'refused', 'revoked']).default('pending') }) },
    },
    async (request) => {
      const caller = callerOf(request);
      const rows = await ctx.db
        .selectFrom('person_link_requests as r')
        .innerJoin('accounts as a', 'a.id', 'r.account_id')
        .innerJoin('org_units as o', 'o.id', 'r.org_unit_id')
        .leftJoin('persons as p', 'p.id_number_hash', 'r.id_number_hash')
        .leftJoin('officer_invitations as i', 'i.id', 'r.invitation_id')
        .leftJoin('enterprises as ie', 'ie.id', 'i.enterprise_id')
        .select([
          'r.id',
          'r.created_at as createdAt',
          'r.source',
          'r.status',
          'r.name',
          'r.id_number_masked as idNumberMasked',
          'r.phone',
          'r.decision_note as decisionNote',
          'r.decided_at as decidedAt',
          'a.username',
          'o.name as orgUnitName',
          'ie.name as invitingEnterprise',
          'p.id as personId',
          'p.name as personName',
          sql<boolean>`p.account_id is not null`.as('personLinked'),
        ])
        .where('r.status', '=', request.query.status)
        .where(inRegionScope(caller, 'r.org_unit_id'))
        .orderBy('r.id', request.query.status === 'pending' ? 'asc' : 'desc')
        .limit(200)
        .execute();
      const personIds = rows.flatMap((r) => (r.personId === null ? [] : [r.personId]));
      const filings = personIds.length
        ? await ctx.db
            .selectFrom('filings as f')
            .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
            .select(['f.id', 'f.person_id as personId', 'e.name as enterpriseName', 'f.status', 'f.appointment_date as appointmentDate', sql<boolean>`f.authorization_letter is not null`.as('hasLetter')])
            .where('f.person_id', 'in', personIds)
            .where('f.status', 'in', ['submitted', 'returned', 'active', 'ended'])
            .orderBy('f.id', 'desc')
            .execute()
        : [];
      return rows.map((r) => ({
        ...r,
        nameMatches: r.personName === null ? null : r.personName === r.name,
        filings: filings.filter((f) => f.personId === r.personId).map(({ personId: _p, ...f }) => f),
      }));
    },
  );

  app.post(
    '/api/identity/link-requests/:id/confirm',
    { config: { access: 'filings:review' }, schema: { tags, summary: '确认身份关联（已核对企业聘任文件与身份证明）', params: idParams, body: note('核验依据') } },
    async (request) => {
      const personId = await ctx.db.transaction().execute((trx) => confirmLink(trx, ctx.crypto, callerOf(request), actorOf(request), request.params.id, request.body.note));
      return { personId };
    },
  );

  app.post(
    '/api/identity/link-requests/:id/refuse',
    { config: { access: 'filings:review' }, schema: { tags, summary: '不予身份关联（须说明理由）', params: idParams, body: note('理由') } },
    async (request) => {
      await ctx.db.transaction().execute((trx) => refuseLink(trx, callerOf(request), actorOf(request), request.params.id, request.body.note));
      return { ok: true };
    },
  );

  app.get(
    '/api/identity/links',
    { config: { access: 'filings:review' }, schema: { tags, summary: '近期的人员与账户关联（管辖范围内，可撤销可疑关联）' } },
    async (request) => {
      const caller = callerOf(request);
      return ctx.db
        .selectFrom('persons as p')
        .innerJoin('accounts as a', 'a.id', 'p.account_id')
        .leftJoin('accounts as by', 'by.id', 'p.account_linked_by')
        .select(['p.id as personId', 'p.name', 'p.id_number_masked as idNumberMasked', 'a.username', 'a.display_name as accountName', 'p.account_link_basis as basis', 'p.account_linked_at as linkedAt', 'by.display_name as linkedBy'])
        .where(personInScope(caller))
        .orderBy(sql`p.account_linked_at desc nulls last`)
        .orderBy('p.id', 'desc')
        .limit(200)
        .execute();
    },
  );

  app.post(
    '/api/identity/links/:id/revoke',
    { config: { access: 'filings:review' }, schema: { tags, summary: '撤销人员与账户的关联（:id 为人员）', params: idParams, body: note('理由') } },
    async (request) => {
      await ctx.db.transaction().execute((trx) => revokeLink(trx, callerOf(request), actorOf(request), request.params.id, request.body.note));
      return { ok: true };
    },
  );

  app.get(
    '/api/officers/me/identity',
    {
      config: { access: 'officer_profile:manage' },
      schema: {
        tags,
        summary: '本人身份关联状态（linked 已关联；pending 身份待核验；refused 未获确认；none 无申请）',
        response: {
          200: z.object({
            status: z.enum(['linked', 'pending', 'refused', 'none']),
            request: z.object({ name: z.string(), idNumberMasked: z.string(), createdAt: z.date(), decisionNote: z.string().nullable() }).nullable(),
          }),
        },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const linked = await ctx.db.selectFrom('persons').select('id').where('account_id', '=', caller.accountId).executeTakeFirst();
      const last = await ctx.db
        .selectFrom('person_link_requests')
        .select(['name', 'id_number_masked as idNumberMasked', 'created_at as createdAt', 'status', 'decision_note as decisionNote'])
        .where('account_id', '=', caller.accountId)
        .orderBy('id', 'desc')
        .executeTakeFirst();
      const req = last ? { name: last.name, idNumberMasked: last.idNumberMasked, createdAt: last.createdAt, decisionNote: last.status === 'refused' ? last.decisionNote : null } : null;
      if (linked) return { status: 'linked' as const, request: req };
      if (!last) return { status: 'none' as const, request: null };
      return { status: last.status === 'pending' ? ('pending' as const) : last.status === 'refused' ? ('refused' as const) : ('none' as const), request: req };
    },
  );
}
