import { sql } from 'kysely';
import { z } from 'zod';
import { hasPermission } from '../../../domain/permissions';
import { recordAudit } from '../../audit/audit-log';
import { actorOf, callerOf } from '../../auth/guards';
import { enterpriseScope } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { AppContext } from '../../context';
import type { Database } from '../../db/database';
import { conflict, notFound } from '../../errors';
import { idParams, type ZodApp } from '../../http';
import { sendEvidence, storeEvidence } from '../../storage/evidence';

export const qualificationInputSchema = z.object({
  kind: z.enum(['title', 'qualification']),
  name: z.string().trim().min(2, { error: '名称至少 2 个字' }).max(60),
  issuer: z.string().trim().max(60).nullish(),
  issuedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' })
    .nullish(),
});

/**
 * Who may change a person's titles and qualifications: the person, or an enterprise for a candidate it
 * recorded who keeps no account of their own (then the enterprise speaks for them).
 */
async function canManage(db: Database, caller: SessionAccount, personId: number): Promise<boolean> {
  const person = await db.selectFrom('persons').select(['account_id']).where('id', '=', personId).executeTakeFirst();
  if (!person) return false;
  if (person.account_id !== null) return person.account_id === caller.accountId;
  if (!caller.enterpriseId || !hasPermission(caller.role, 'filings:manage')) return false;
  return Boolean(await db.selectFrom('candidates').select('person_id').where('enterprise_id', '=', caller.enterpriseId).where('person_id', '=', personId).executeTakeFirst());
}

/** Readers: those who may manage, enterprises that recorded the person, and bureaus that see a filing of the person. */
async function canRead(db: Database, caller: SessionAccount, personId: number): Promise<boolean> {
  if (await canManage(db, caller, personId)) return true;
  if (caller.enterpriseId && hasPermission(caller.role, 'filings:manage')) {
    if (await db.selectFrom('candidates').select('person_id').where('enterprise_id', '=', caller.enterpriseId).where('person_id', '=', personId).executeTakeFirst()) return true;
  }
  if (hasPermission(caller.role, 'filings:read')) {
    return Boolean(
      await db.selectFrom('filings as f').innerJoin('enterprises as e', 'e.id', 'f.enterprise_id').select('f.id').where('f.person_id', '=', personId).where(enterpriseScope(caller, 'e')).executeTakeFirst(),
    );
  }
  return false;
}

/** While a filing of the person is under review, the evidence the reviewer sees does not change. */
async function assertNotUnderReview(db: Database, personId: number): Promise<void> {
  const inReview = await db.selectFrom('filings').select('id').where('person_id', '=', personId).where('status', '=', 'submitted').executeTakeFirst();
  if (inReview) throw conflict('该人员的备案正在审核中，审核结束后再修改职称与证书');
}

export function qualificationRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['qualifications'];
  const loadOwned = async (caller: SessionAccount, id: number, write: boolean) => {
    const row = await ctx.db.selectFrom('person_qualifications').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || !(await (write ? canManage : canRead)(ctx.db, caller, row.person_id))) throw notFound('证书');
    return row;
  };

  app.get(
    '/api/persons/:id/qualifications',
    { config: { access: 'complete' }, schema: { tags, summary: '人员的职称与资格证书', params: idParams } },
    async (request) => {
      const caller = callerOf(request);
      if (!(await canRead(ctx.db, caller, request.params.id))) throw notFound('人员');
      const rows = await ctx.db
        .selectFrom('person_qualifications')
        .select(['id', 'kind', 'name', 'issuer', 'issued_on as issuedOn', sql<boolean>`evidence is not null`.as('hasEvidence'), 'created_at as createdAt'])
        .where('person_id', '=', request.params.id)
        .orderBy('id')
        .execute();
      return { items: rows, canManage: await canManage(ctx.db, caller, request.params.id) };
    },
  );

  app.post(
    '/api/persons/:id/qualifications',
    { config: { access: 'complete' }, schema: { tags, summary: '登记职称或资格证书（证明材料另行上传）', params: idParams, body: qualificationInputSchema } },
    async (request, reply) => {
      const caller = callerOf(request);
      if (!(await canManage(ctx.db, caller, request.params.id))) throw notFound('人员');
      await assertNotUnderReview(ctx.db, request.params.id);
      const b = request.body;
      const row = await ctx.db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('person_qualifications')
          .values({ person_id: request.params.id, kind: b.kind, name: b.name, issuer: b.issuer ?? null, issued_on: b.issuedOn ?? null, created_by: caller.accountId })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actorOf(request), { action: 'person.qualification.add', targetType: 'person', targetId: request.params.id, details: { kind: b.kind, name: b.name } });
        return inserted;
      });
      return reply.code(201).send({ id: row.id });
    },
  );

  app.post(
    '/api/qualifications/:id/evidence',
    { config: { access: 'complete' }, schema: { tags, summary: '上传证明材料（PDF/JPG/PNG，≤10 MB）', params: idParams, consumes: ['multipart/form-data'] } },
    async (request) => {
      const caller = callerOf(request);
      const q = await loadOwned(caller, request.params.id, true);
      await assertNotUnderReview(ctx.db, q.person_id);
      const ref = await storeEvidence(request, ctx.files, '证明材料');
      await ctx.db.transaction().execute(async (trx) => {
        await trx.updateTable('person_qualifications').set({ evidence: ref }).where('id', '=', q.id).execute();
        await recordAudit(trx, actorOf(request), { action: 'person.qualification.evidence', targetType: 'person', targetId: q.person_id });
      });
      return { ok: true };
    },
  );

  app.get(
    '/api/qualifications/:id/evidence',
    { config: { access: 'complete' }, schema: { tags, summary: '查看证明材料', params: idParams } },
    async (request, reply) => {
      const q = await loadOwned(callerOf(request), request.params.id, false);
      return sendEvidence(reply, ctx.files, q.evidence, `evidence-${q.id}`);
    },
  );

  app.delete('/api/qualifications/:id', { config: { access: 'complete' }, schema: { tags, summary: '删除职称或证书', params: idParams } }, async (request) => {
    const q = await loadOwned(callerOf(request), request.params.id, true);
    await assertNotUnderReview(ctx.db, q.person_id);
    await ctx.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('person_qualifications').where('id', '=', q.id).execute();
      await recordAudit(trx, actorOf(request), { action: 'person.qualification.remove', targetType: 'person', targetId: q.person_id, details: { name: q.name } });
    });
    return { ok: true };
  });
}
