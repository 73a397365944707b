import { z } from 'zod';
import { maskName } from '../../../domain/certificates';
import { objectionSchema, rankByTotal, SELECTION_STATUSES } from '../../../domain/selection';
import { recordAudit } from '../../audit/audit-log';
import { actorOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { stateError, notFound } from '../../errors';
import { idParams, type ZodApp } from '../../http';
import { clock } from '../../clock';

const publicSelectionSchema = z.object({
  id: z.number(),
  enterpriseName: z.string(),
  uscc: z.string(),
  title: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  criteria: z.array(z.object({ name: z.string(), weight: z.number() })),
  panelSize: z.number(),
  candidates: z.array(z.object({ name: z.string(), total: z.number().nullable(), rank: z.number().nullable(), selected: z.boolean() })),
  selectedName: z.string().nullable(),
  resultNote: z.string().nullable(),
  publicityStart: z.string().nullable(),
  publicityEnd: z.string().nullable(),
  objectionsOpen: z.boolean(),
  objections: z.object({ filed: z.number(), answered: z.number() }),
});

/**
 * The 公示 of a competitive selection, for anyone: the enterprise, the criteria and weights, every candidate's
 * masked name (陈*量), total and rank, the selected candidate, the period, and how many objections were filed and
 * answered (their text may name people, so it stays with the enterprise and the bureau). No ID data at all.
 * Objections are taken during the period, rate-limited.
 */
export function selectionPublicRoutes(app: ZodApp, ctx: AppContext): void {
  const tags = ['public'];

  const load = async (id: number) => {
    const s = await ctx.db
      .selectFrom('competitive_selections as s')
      .innerJoin('enterprises as e', 'e.id', 's.enterprise_id')
      .selectAll('s')
      .select(['e.name as enterpriseName', 'e.uscc'])
      .where('s.id', '=', id)
      .where('s.status', 'in', ['publicity', 'concluded'])
      .executeTakeFirst();
    if (!s) throw notFound('公示');
    return s;
  };

  app.get(
    '/api/public/selections',
    { config: { access: 'public', rateLimit: { max: 30, timeWindow: 60_000 } }, schema: { tags, summary: '正在公示的首席质量官竞争聘用结果' } },
    async () => {
      const today = clock.today();
      const rows = await ctx.db
        .selectFrom('competitive_selections as s')
        .innerJoin('enterprises as e', 'e.id', 's.enterprise_id')
        .select(['s.id', 's.title', 'e.name as enterpriseName', 's.publicity_start as publicityStart', 's.publicity_end as publicityEnd'])
        .where('s.status', '=', 'publicity')
        .where('s.publicity_start', '<=', today)
        .orderBy('s.publicity_start', 'desc')
        .limit(100)
        .execute();
      return { items: rows };
    },
  );

  app.get(
    '/api/public/selections/:id',
    { config: { access: 'public', rateLimit: { max: 30, timeWindow: 60_000 } }, schema: { tags, summary: '竞争聘用结果公示（姓名脱敏）', params: idParams, response: { 200: publicSelectionSchema } } },
    async (request) => {
      const s = await load(request.params.id);
      const candidates = await ctx.db
        .selectFrom('selection_candidates as c')
        .innerJoin('persons as p', 'p.id', 'c.person_id')
        .select(['c.person_id as personId', 'p.name', 'c.total'])
        .where('c.selection_id', '=', s.id)
        .orderBy('c.total', 'desc')
        .execute();
      const ranked = rankByTotal(candidates.map((c) => ({ ...c, total: c.total === null ? null : Number(c.total) })));
      const objections = await ctx.db
        .selectFrom('selection_objections')
        .select([(eb) => eb.fn.countAll<number>().as('filed'), (eb) => eb.fn.count<number>('answer').as('answered')])
        .where('selection_id', '=', s.id)
        .executeTakeFirstOrThrow();
      const today = clock.today();
      const selected = ranked.find((c) => c.personId === s.selected_person_id);
      return {
        id: s.id,
        enterpriseName: s.enterpriseName,
        uscc: s.uscc,
        title: s.title,
        status: s.status,
        statusLabel: SELECTION_STATUSES[s.status],
        criteria: s.criteria,
        panelSize: s.panel.length,
        candidates: ranked.map((c) => ({ name: maskName(c.name), total: c.total, rank: c.rank, selected: c.personId === s.selected_person_id })),
        selectedName: selected ? maskName(selected.name) : null,
        resultNote: s.result_note,
        publicityStart: s.publicity_start,
        publicityEnd: s.publicity_end,
        objectionsOpen: s.status === 'publicity' && s.publicity_start !== null && s.publicity_end !== null && s.publicity_start <= today && today <= s.publicity_end,
        objections: { filed: Number(objections.filed), answered: Number(objections.answered) },
      };
    },
  );

  app.post(
    '/api/public/selections/:id/objections',
    { config: { access: 'public', rateLimit: { max: 5, timeWindow: 60_000 } }, schema: { tags, summary: '公示期间提出异议', params: idParams, body: objectionSchema } },
    async (request, reply) => {
      const id = await ctx.db.transaction().execute(async (trx) => {
        const s = await trx.selectFrom('competitive_selections').select(['id', 'status', 'publicity_start', 'publicity_end']).where('id', '=', request.params.id).where('status', 'in', ['publicity', 'concluded']).forShare().executeTakeFirst();
        if (!s) throw notFound('公示');
        const today = clock.today();
        if (s.status !== 'publicity' || s.publicity_start === null || s.publicity_end === null || today < s.publicity_start || today > s.publicity_end) {
          throw stateError(`不在公示期内（公示期 ${s.publicity_start ?? ''} 至 ${s.publicity_end ?? ''}），不能提出异议`);
        }
        const row = await trx.insertInto('selection_objections').values({ selection_id: s.id, body: request.body.body, contact: request.body.contact ?? null }).returning('id').executeTakeFirstOrThrow();
        await recordAudit(trx, actorOf(request), { action: 'selection.objection.file', targetType: 'selection', targetId: s.id, details: { objectionId: row.id } });
        return row.id;
      });
      return reply.code(201).send({ id });
    },
  );
}
