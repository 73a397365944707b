import type { Kysely, Selectable } from 'kysely';
import { classStudyMinutes, TRAINING_TIER_LABELS, trainingLedgerRef, type TrainingTier } from '../../../domain/training';
import { todayInChina } from '../../../domain/working-days';
import type { DB } from '../../db/types';
import { bureauName } from '../certificates/pdf';
import type { CertificateService } from '../certificates/service';
import { setStudyMinutes } from '../study-ledger/ledger';

export const ENROLMENT_SUBJECT = 'training_enrolment';

/** What a 培训合格证 says: the signed payload the PDF, the verification page and the roster read. */
export interface TrainingCertificatePayload {
  personName: string;
  idNumberMasked: string;
  enterpriseName: string | null;
  className: string;
  tier: TrainingTier;
  tierLabel: string;
  hours: number;
  period: string;
  bureauName: string;
  providerName: string | null;
  score: number | null;
  issuedOn: string;
  expiresOn: string | null;
}

type IssuingClass = Pick<Selectable<DB['training_classes']>, 'id' | 'name' | 'org_unit_id' | 'tier' | 'hours' | 'provider_name' | 'certificate_valid_months'>;

const addMonths = (date: Date, months: number): Date => {
  const d = new Date(date);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
};

/** The dates of a certificate as signed (`issuedOn`, `expiresOn`), for records that list certificates. */
export function signedDates(payload: unknown): { issuedOn: string | null; expiresOn: string | null } {
  const p = (payload ?? {}) as Record<string, unknown>;
  return { issuedOn: typeof p.issuedOn === 'string' ? p.issuedOn : null, expiresOn: typeof p.expiresOn === 'string' ? p.expiresOn : null };
}

/**
 * Issues the 培训合格证 of one enrolment at `issuedAt` from the class and person records, and credits the study
 * account: the one issuing path of the service (single, bulk, reissue) and the demo seed. Completion and timing
 * are the caller's checks; notices and audit are the service's.
 */
export async function issueTrainingCertificate(
  trx: Kysely<DB>,
  certificates: CertificateService,
  c: IssuingClass,
  enrolmentId: number,
  score: number | null,
  minutesPerHour: number,
  issuedAt: Date,
) {
  const e = await trx
    .selectFrom('training_enrolments as e')
    .innerJoin('persons as p', 'p.id', 'e.person_id')
    .leftJoin('enterprises as ent', 'ent.id', 'e.enterprise_id')
    .select(['e.person_id', 'p.name', 'p.id_number_masked', 'p.account_id', 'ent.name as enterpriseName'])
    .where('e.id', '=', enrolmentId)
    .executeTakeFirstOrThrow();
  const unit = await trx.selectFrom('org_units').select('name').where('id', '=', c.org_unit_id).executeTakeFirstOrThrow();
  const span = await trx
    .selectFrom('training_sessions')
    .select([(eb) => eb.fn.min('starts_at').as('first'), (eb) => eb.fn.max('ends_at').as('last')])
    .where('class_id', '=', c.id)
    .executeTakeFirstOrThrow();
  const first = todayInChina(new Date(span.first as Date));
  const last = todayInChina(new Date(span.last as Date));
  const expiresAt = c.certificate_valid_months ? addMonths(issuedAt, c.certificate_valid_months) : null;
  const hours = Number(c.hours);
  const payload: TrainingCertificatePayload = {
    personName: e.name,
    idNumberMasked: e.id_number_masked,
    enterpriseName: e.enterpriseName,
    className: c.name,
    tier: c.tier,
    tierLabel: TRAINING_TIER_LABELS[c.tier],
    hours,
    period: first === last ? first : `${first} 至 ${last}`,
    bureauName: bureauName(unit.name),
    providerName: c.provider_name,
    score,
    issuedOn: todayInChina(issuedAt),
    expiresOn: expiresAt ? todayInChina(expiresAt) : null,
  };
  const cert = await certificates.issue(trx, {
    kind: 'training_certificate',
    subjectType: ENROLMENT_SUBJECT,
    subjectId: enrolmentId,
    personId: e.person_id,
    orgUnitId: c.org_unit_id,
    payload: { ...payload },
    expiresAt,
    issuedAt,
  });
  await setStudyMinutes(trx, {
    personId: e.person_id,
    year: Number(last.slice(0, 4)),
    source: 'training',
    sourceRef: trainingLedgerRef(c.id),
    minutes: classStudyMinutes(hours, minutesPerHour),
    title: c.name,
    occurredOn: last,
  });
  return { cert, holderAccountId: e.account_id };
}
