import { sql } from 'kysely';
import { checkEnrolment, type TrainingTier } from '../../../domain/training';
import { todayInChina } from '../../../domain/working-days';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import { clock } from '../../clock';
import type { Database } from '../../db/database';
import { AppError, conflict, forbidden, invalid, notFound, stateError } from '../../errors';
import { Notifier } from '../notifications/notifier';
import { classFor } from './access';
import { priorityRank } from './priority';
import type { Db } from './records';
import { findPersonOfAccount } from '../../persons/repository';

/** Valid (unexpired) training certificate tiers of a person. */
export async function heldTiers(db: Db, personId: number): Promise<Set<TrainingTier>> {
  const rows = await db
    .selectFrom('certificates')
    .select(sql<string>`payload->>'tier'`.as('tier'))
    .where('person_id', '=', personId)
    .where('kind', '=', 'training_certificate')
    .where('status', '=', 'valid')
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', clock.now())]))
    .execute();
  return new Set(rows.map((r) => r.tier as TrainingTier));
}

/** Enrolment (报名) by the officer or their enterprise, the waiting list, and cancellation with promotion from it. */
export class TrainingEnrolment {
  private readonly notifier = new Notifier();

  constructor(private readonly db: Database) {}

  /** Enrols the officer (or, for an enterprise account, one of its officers); a full class puts them on the waiting list. */
  async enrol(caller: SessionAccount, actor: Actor, classId: number, requestedCandidateId: number | undefined) {
    return this.db.transaction().execute(async (trx) => {
      let personId: number;
      let enterpriseId: number | null;
      if (caller.role === 'officer') {
        const own = (await findPersonOfAccount(trx, caller.accountId))?.id ?? null;
        if (own === null) throw forbidden('账户尚未关联首席质量官身份');
        personId = own;
        const filing = await trx
          .selectFrom('filings')
          .select('enterprise_id')
          .where('person_id', '=', personId)
          .where('status', '=', 'active')
          .executeTakeFirst();
        enterpriseId = filing?.enterprise_id ?? null;
      } else if (caller.role === 'enterprise') {
        if (caller.enterpriseId === null) throw forbidden('企业注册尚未确认');
        if (requestedCandidateId === undefined) throw invalid('candidateId', '请选择报名人员');
        // the enterprise names its candidate (its officers are candidates too) by its own candidate id
        const candidate = await trx
          .selectFrom('candidates')
          .select('person_id')
          .where('enterprise_id', '=', caller.enterpriseId)
          .where('id', '=', requestedCandidateId)
          .executeTakeFirst();
        if (!candidate) throw invalid('candidateId', '报名人员须为本企业的首席质量官或拟任人员');
        personId = candidate.person_id;
        enterpriseId = caller.enterpriseId;
      } else {
        throw forbidden('仅首席质量官本人或其所在企业可报名');
      }
      const c = await classFor(trx, caller, classId, 'read', personId, true);
      const firstStart = await trx
        .selectFrom('training_sessions')
        .select((eb) => eb.fn.min('starts_at').as('s'))
        .where('class_id', '=', classId)
        .executeTakeFirstOrThrow();
      const existing = await trx
        .selectFrom('training_enrolments')
        .select(['id', 'status'])
        .where('class_id', '=', classId)
        .where('person_id', '=', personId)
        .executeTakeFirst();
      const enrolledCount = Number(
        (
          await trx
            .selectFrom('training_enrolments')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('class_id', '=', classId)
            .where('status', '=', 'enrolled')
            .executeTakeFirstOrThrow()
        ).n,
      );
      const now = clock.now();
      const check = checkEnrolment({
        tier: c.tier,
        classStatus: c.status,
        waivePrerequisite: c.waive_prerequisite,
        enrolDeadline: c.enrol_deadline,
        firstSessionStartsAt: firstStart.s ? new Date(firstStart.s) : null,
        heldTiers: await heldTiers(trx, personId),
        alreadyEnrolled: existing !== undefined && existing.status !== 'cancelled',
        enrolledCount,
        capacity: c.capacity,
        now,
        today: todayInChina(now),
      });
      if (!check.ok) {
        if (check.reason === 'duplicate') throw conflict(check.message);
        if (check.reason === 'prerequisite') throw new AppError(422, 'RULE', check.message);
        throw stateError(check.message);
      }
      let id: number;
      if (existing) {
        await trx
          .updateTable('training_enrolments')
          .set({
            status: check.status,
            enterprise_id: enterpriseId,
            enrolled_by: caller.accountId,
            cancel_reason: null,
            cancelled_at: null,
            created_at: now,
            updated_at: now,
          })
          .where('id', '=', existing.id)
          .execute();
        id = existing.id;
      } else {
        id = (
          await trx
            .insertInto('training_enrolments')
            .values({ class_id: classId, person_id: personId, enterprise_id: enterpriseId, status: check.status, enrolled_by: caller.accountId })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      }
      await recordAudit(trx, actor, {
        action: 'training.enrol',
        targetType: 'training_enrolment',
        targetId: id,
        details: { classId, personId, status: check.status },
      });
      return { id, status: check.status };
    });
  }

  /** Cancels an enrolment (the person, their enterprise, or whoever runs the class) and gives the seat to the first on the waiting list. */
  async cancel(caller: SessionAccount, actor: Actor, enrolmentId: number, reason: string) {
    await this.db.transaction().execute(async (trx) => {
      const e = await trx.selectFrom('training_enrolments').selectAll().where('id', '=', enrolmentId).forUpdate().executeTakeFirst();
      if (!e) throw notFound('报名记录');
      const personId = (await findPersonOfAccount(trx, caller.accountId))?.id ?? null;
      const own =
        (caller.role === 'officer' && personId === e.person_id) ||
        (caller.role === 'enterprise' && caller.enterpriseId !== null && caller.enterpriseId === e.enterprise_id);
      const c = own
        ? await classFor(trx, caller, e.class_id, 'read', personId, true)
        : await classFor(trx, caller, e.class_id, 'deliver', null, true).catch(() => {
            throw notFound('报名记录');
          });
      if (e.status === 'cancelled') throw stateError('该报名已取消');
      const attended = await trx
        .selectFrom('training_attendance')
        .select('id')
        .where('enrolment_id', '=', e.id)
        .where('status', '!=', 'absent')
        .executeTakeFirst();
      if (attended && own) throw stateError('已签到参训，不能自行取消报名');
      await trx
        .updateTable('training_enrolments')
        .set({ status: 'cancelled', cancel_reason: reason, cancelled_at: clock.now(), updated_at: clock.now() })
        .where('id', '=', e.id)
        .execute();
      await recordAudit(trx, actor, {
        action: 'training.enrolment.cancel',
        targetType: 'training_enrolment',
        targetId: e.id,
        details: { classId: e.class_id, reason },
      });
      if (e.status === 'enrolled') {
        const next = await trx
          .selectFrom('training_enrolments as te')
          .innerJoin('persons as p', 'p.id', 'te.person_id')
          .select(['te.id', 'p.account_id'])
          .where('te.class_id', '=', e.class_id)
          .where('te.status', '=', 'waitlisted')
          .orderBy(priorityRank(sql.ref('te.person_id')))
          .orderBy('te.created_at')
          .orderBy('te.id')
          .limit(1)
          .executeTakeFirst();
        if (next) {
          await trx.updateTable('training_enrolments').set({ status: 'enrolled', updated_at: clock.now() }).where('id', '=', next.id).execute();
          await recordAudit(trx, actor, {
            action: 'training.enrolment.promote',
            targetType: 'training_enrolment',
            targetId: next.id,
            details: { classId: e.class_id },
          });
          if (next.account_id !== null) {
            await this.notifier.notify(trx, [next.account_id], {
              kind: 'training.enrolment.promoted',
              title: `候补转正：${c.name}`,
              body: '有学员取消报名，您已由候补转为正式报名。',
              link: '/me/training',
            });
          }
        }
      }
    });
  }
}
