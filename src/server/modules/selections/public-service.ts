import { maskName } from '../../../domain/certificates';
import { rankByTotal, SELECTION_STATUSES } from '../../../domain/selection';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { Database } from '../../db/database';
import { stateError, notFound } from '../../errors';
import { clock } from '../../clock';

/**
 * The 公示 of competitive selections, for anyone: what is published (masked names, totals, ranks, the period and
 * the count of objections) and the objections filed during the period. No ID data at all.
 */
export class SelectionPublicityService {
  constructor(private readonly db: Database) {}

  /** Selections in their publicity period (started), newest first. */
  async list() {
    const today = clock.today();
    const rows = await this.db
      .selectFrom('competitive_selections as s')
      .innerJoin('enterprises as e', 'e.id', 's.enterprise_id')
      .select(['s.id', 's.title', 'e.name as enterpriseName', 's.publicity_start as publicityStart', 's.publicity_end as publicityEnd'])
      .where('s.status', '=', 'publicity')
      .where('s.publicity_start', '<=', today)
      .orderBy('s.publicity_start', 'desc')
      .limit(100)
      .execute();
    return { items: rows };
  }

  /** One published (or concluded) selection as the public sees it; 404 for any other. */
  async get(id: number) {
    const s = await this.db
      .selectFrom('competitive_selections as s')
      .innerJoin('enterprises as e', 'e.id', 's.enterprise_id')
      .selectAll('s')
      .select(['e.name as enterpriseName', 'e.uscc'])
      .where('s.id', '=', id)
      .where('s.status', 'in', ['publicity', 'concluded'])
      .executeTakeFirst();
    if (!s) throw notFound('公示');
    const candidates = await this.db
      .selectFrom('selection_candidates as c')
      .innerJoin('persons as p', 'p.id', 'c.person_id')
      .select(['c.person_id as personId', 'p.name', 'c.total'])
      .where('c.selection_id', '=', s.id)
      .orderBy('c.total', 'desc')
      .execute();
    const ranked = rankByTotal(candidates.map((c) => ({ ...c, total: c.total === null ? null : Number(c.total) })));
    const objections = await this.db
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
      objectionsOpen:
        s.status === 'publicity' && s.publicity_start !== null && s.publicity_end !== null && s.publicity_start <= today && today <= s.publicity_end,
      objections: { filed: Number(objections.filed), answered: Number(objections.answered) },
    };
  }

  /** Files an objection during the publicity period; answers the new objection's id. */
  async fileObjection(actor: Actor, id: number, objection: { body: string; contact?: string | null | undefined }): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const s = await trx
        .selectFrom('competitive_selections')
        .select(['id', 'status', 'publicity_start', 'publicity_end'])
        .where('id', '=', id)
        .where('status', 'in', ['publicity', 'concluded'])
        .forShare()
        .executeTakeFirst();
      if (!s) throw notFound('公示');
      const today = clock.today();
      if (s.status !== 'publicity' || s.publicity_start === null || s.publicity_end === null || today < s.publicity_start || today > s.publicity_end) {
        throw stateError(`不在公示期内（公示期 ${s.publicity_start ?? ''} 至 ${s.publicity_end ?? ''}），不能提出异议`);
      }
      const row = await trx
        .insertInto('selection_objections')
        .values({ selection_id: s.id, body: objection.body, contact: objection.contact ?? null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, { action: 'selection.objection.file', targetType: 'selection', targetId: s.id, details: { objectionId: row.id } });
      return row.id;
    });
  }
}
