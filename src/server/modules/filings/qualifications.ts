import { sql } from 'kysely';
import { z } from 'zod';
import { opensFilingDocuments } from '../../../domain/document-access';
import { hasPermission } from '../../../domain/permissions';
import { recordAudit } from '../../audit/audit-log';
import { actorOf, callerOf } from '../../auth/guards';
import { enterpriseScope } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { AppContext } from '../../context';
import type { Database } from '../../db/database';
import { conflict, forbidden, notFound } from '../../errors';
import { idParams, type ZodApp } from '../../http';
import { sendEvidence, storeEvidence } from '../../storage/evidence';
import { candidatePersonId } from './persons';

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
 * Whose entries the caller keeps about a person: the person their own (`enterprise_id` null, through their linked
 * account), an enterprise its own entries about a candidate it recorded. Each keeps only its own; no entry of one
 * enterprise is seen or changed by another.
 */
type Keeper = { kind: 'person' } | { kind: 'enterprise'; enterpriseId: number };

async function keeperOf(db: Database, caller: SessionAccount, personId: number): Promise<Keeper | null> {
  const person = await db.selectFrom('persons').select(['account_id']).where('id', '=', personId).executeTakeFirst();
  if (!person) return null;
  if (person.account_id !== null && person.account_id === caller.accountId) return { kind: 'person' };
  if (!caller.enterpriseId || !hasPermission(caller.role, 'filings:manage')) return null;
  const candidate = await db.selectFrom('candidates').select('person_id').where('enterprise_id', '=', caller.enterpriseId).where('person_id', '=', personId).executeTakeFirst();
  return candidate ? { kind: 'enterprise', enterpriseId: caller.enterpriseId } : null;
}

const ownedBy = (keeper: Keeper, enterpriseId: number | null) => (keeper.kind === 'person' ? enterpriseId === null : enterpriseId === keeper.enterpriseId);

/**
 * The entries the caller may read about a person: a keeper its own; a bureau the person's own entries and those of
 * enterprises whose filings of the person it sees (as evidence next to the filing's snapshot).
 */
async function readableEnterprises(db: Database, caller: SessionAccount, personId: number): Promise<{ own: boolean; enterprises: number[] } | null> {
  const keeper = await keeperOf(db, caller, personId);
  if (keeper) return keeper.kind === 'person' ? { own: true, enterprises: [] } : { own: false, enterprises: [keeper.enterpriseId] };
  if (!hasPermission(caller.role, 'filings:read')) return null;
  const rows = await db.selectFrom('filings as f').innerJoin('enterprises as e', 'e.id', 'f.enterprise_id').select('f.enterprise_id').distinct().where('f.person_id', '=', personId).where(enterpriseScope(caller, 'e')).execute();
  return rows.length ? { own: true, enterprises: rows.map((r) => r.enterprise_id) } : null;
}

/** While a filing relying on these entries is under review, the evidence the reviewer sees does not change. */
async function assertNotUnderReview(db: Database, personId: number, enterpriseId: number | null): Promise<void> {
  let q = db.selectFrom('filings').select('id').where('person_id', '=', personId).where('status', '=', 'submitted');
  if (enterpriseId !== null) q = q.where('enterprise_id', '=', enterpriseId);
  if (await q.executeTakeFirst()) throw conflict('该人员的备案正在审核中，审核结束后再修改职称与证书');
}

export function qualificationRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['qualifications'];
  const loadOwned = async (caller: SessionAccount, id: number, write: boolean) => {
    const row = await ctx.db.selectFrom('person_qualifications').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('证书');
    if (write) {
      const keeper = await keeperOf(ctx.db, caller, row.person_id);
      if (!keeper || !ownedBy(keeper, row.enterprise_id)) throw notFound('证书');
    } else {
      const readable = await readableEnterprises(ctx.db, caller, row.person_id);
      const ok = readable && (row.enterprise_id === null ? readable.own : readable.enterprises.includes(row.enterprise_id));
      if (!ok) throw notFound('证书');
    }
    return row;
  };

  /**
   * The same two routes under two addresses: `/api/persons/:id/…` for the person and bureaus, `/api/candidates/:id/…`
   * for the enterprise, which names its candidate by its own candidate id and is told no person id (an enterprise
   * asking by person id finds nothing, so it cannot learn which person id its candidate has).
   */
  const subjectOf = async (caller: SessionAccount, via: 'person' | 'candidate', id: number): Promise<number> => {
    if (via === 'person') return id;
    if (!caller.enterpriseId || !hasPermission(caller.role, 'filings:manage')) throw notFound('拟任人员');
    return candidatePersonId(ctx.db, caller.enterpriseId, id);
  };
  // an enterprise account addresses persons only as its candidates
  const addressedRightly = (caller: SessionAccount, via: 'person' | 'candidate') => via === 'candidate' || !hasPermission(caller.role, 'filings:manage');
  for (const via of ['person', 'candidate'] as const) {
    const base = via === 'person' ? '/api/persons/:id/qualifications' : '/api/candidates/:id/qualifications';
    const who = via === 'person' ? '人员' : '拟任人员（本企业登记）';

    app.get(base, { config: { access: 'complete' }, schema: { tags, summary: `${who}的职称与资格证书`, params: idParams } }, async (request) => {
      const caller = callerOf(request);
      const personId = await subjectOf(caller, via, request.params.id);
      const readable = addressedRightly(caller, via) ? await readableEnterprises(ctx.db, caller, personId) : null;
      if (!readable) throw notFound('人员');
      const rows = await ctx.db
        .selectFrom('person_qualifications as q')
        .leftJoin('enterprises as e', 'e.id', 'q.enterprise_id')
        .select(['q.id', 'q.kind', 'q.name', 'q.issuer', 'q.issued_on as issuedOn', sql<boolean>`q.evidence is not null`.as('hasEvidence'), 'q.created_at as createdAt', 'e.name as recordedBy'])
        .where('q.person_id', '=', personId)
        .where((eb) => {
          const parts = [];
          if (readable.own) parts.push(eb('q.enterprise_id', 'is', null));
          if (readable.enterprises.length) parts.push(eb('q.enterprise_id', 'in', readable.enterprises));
          return eb.or(parts);
        })
        .orderBy('q.id')
        .execute();
      return { items: rows, canManage: (await keeperOf(ctx.db, caller, personId)) !== null };
    });

    app.post(base, { config: { access: 'complete' }, schema: { tags, summary: `登记${who}的职称或资格证书（证明材料另行上传）`, params: idParams, body: qualificationInputSchema } }, async (request, reply) => {
      const caller = callerOf(request);
      const personId = await subjectOf(caller, via, request.params.id);
      const keeper = addressedRightly(caller, via) ? await keeperOf(ctx.db, caller, personId) : null;
      if (!keeper) throw notFound('人员');
      const enterpriseId = keeper.kind === 'enterprise' ? keeper.enterpriseId : null;
      await assertNotUnderReview(ctx.db, personId, enterpriseId);
      const b = request.body;
      const row = await ctx.db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('person_qualifications')
          .values({ person_id: personId, enterprise_id: enterpriseId, kind: b.kind, name: b.name, issuer: b.issuer ?? null, issued_on: b.issuedOn ?? null, created_by: caller.accountId })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actorOf(request), { action: 'person.qualification.add', targetType: 'person', targetId: personId, details: { kind: b.kind, name: b.name } });
        return inserted;
      });
      return reply.code(201).send({ id: row.id });
    });
  }

  app.post(
    '/api/qualifications/:id/evidence',
    { config: { access: 'complete' }, schema: { tags, summary: '上传证明材料（PDF/JPG/PNG，≤10 MB）', params: idParams, consumes: ['multipart/form-data'] } },
    async (request) => {
      const caller = callerOf(request);
      const q = await loadOwned(caller, request.params.id, true);
      await assertNotUnderReview(ctx.db, q.person_id, q.enterprise_id);
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
      const caller = callerOf(request);
      if (!opensFilingDocuments(caller.role)) throw forbidden('仅备案企业、首席质量官本人和审核机关可查看备案材料');
      const q = await loadOwned(caller, request.params.id, false);
      return sendEvidence(reply, ctx.files, q.evidence, `evidence-${q.id}`);
    },
  );

  app.delete('/api/qualifications/:id', { config: { access: 'complete' }, schema: { tags, summary: '删除职称或证书', params: idParams } }, async (request) => {
    const q = await loadOwned(callerOf(request), request.params.id, true);
    await assertNotUnderReview(ctx.db, q.person_id, q.enterprise_id);
    await ctx.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('person_qualifications').where('id', '=', q.id).execute();
      await recordAudit(trx, actorOf(request), { action: 'person.qualification.remove', targetType: 'person', targetId: q.person_id, details: { name: q.name } });
    });
    return { ok: true };
  });
}
