import type { Kysely } from 'kysely';
import { checkEnrolment, type ClassStatus, type TrainingTier } from '../../../domain/training';
import { todayInChina } from '../../../domain/working-days';
import type { SessionAccount } from '../../auth/session-store';
import { clock } from '../../clock';
import type { DB } from '../../db/types';
import { heldTiers } from './enrolment';

/** What a class list row needs for the enrolment rule. */
export interface EnrolRuleRow {
  id: number;
  tier: TrainingTier;
  status: ClassStatus;
  waive_prerequisite: boolean;
  enrol_deadline: string | null;
  firstStart: Date | string | null;
  enrolled: number;
  capacity: number;
}

/** Whether the caller may enrol in a class now and, when not, why in Chinese (null when no reason is owed). */
export interface EnrolAbility {
  canEnrol: boolean;
  enrolRefusal: string | null;
}

/**
 * The caller's enrolment ability for each listed class, decided by the rule the enrolment itself applies
 * (`checkEnrolment`), so the officer's 可报名 list says before the tap what the server would answer after it.
 * An officer is judged with their certificates and enrolments; an enterprise with the class's own conditions only
 * (the prerequisite depends on the person it names); roles that never enrol get `canEnrol: false` and no reason.
 */
export async function enrolAbilities(
  db: Kysely<DB>,
  caller: SessionAccount,
  personId: number | null,
  rows: readonly EnrolRuleRow[],
): Promise<Map<number, EnrolAbility>> {
  const abilities = new Map<number, EnrolAbility>();
  const enrolling = caller.role === 'officer' || (caller.role === 'enterprise' && caller.enterpriseId !== null);
  if (!enrolling || rows.length === 0) {
    for (const r of rows) abilities.set(r.id, { canEnrol: false, enrolRefusal: caller.role === 'officer' ? '账户尚未关联首席质量官身份' : null });
    return abilities;
  }
  if (caller.role === 'officer' && personId === null) {
    for (const r of rows) abilities.set(r.id, { canEnrol: false, enrolRefusal: '账户尚未关联首席质量官身份' });
    return abilities;
  }
  const held = personId === null ? new Set<TrainingTier>() : await heldTiers(db, personId);
  const enrolledIn =
    personId === null
      ? new Set<number>()
      : new Set(
          (
            await db
              .selectFrom('training_enrolments')
              .select('class_id')
              .where('person_id', '=', personId)
              .where('status', '!=', 'cancelled')
              .where(
                'class_id',
                'in',
                rows.map((r) => r.id),
              )
              .execute()
          ).map((e) => e.class_id),
        );
  const now = clock.now();
  const today = todayInChina(now);
  for (const r of rows) {
    const check = checkEnrolment({
      tier: r.tier,
      classStatus: r.status,
      waivePrerequisite: r.waive_prerequisite || personId === null,
      enrolDeadline: r.enrol_deadline,
      firstSessionStartsAt: r.firstStart === null ? null : new Date(r.firstStart),
      heldTiers: held,
      alreadyEnrolled: enrolledIn.has(r.id),
      enrolledCount: r.enrolled,
      capacity: r.capacity,
      now,
      today,
    });
    abilities.set(r.id, check.ok ? { canEnrol: true, enrolRefusal: null } : { canEnrol: false, enrolRefusal: check.message });
  }
  return abilities;
}
