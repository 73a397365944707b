import { clock } from '../../clock';
import { sql } from 'kysely';
import { ROLE_SCOPE } from '../../../domain/permissions';
import { meanRating, satisfiedPercent, SURVEY_ITEM_KEYS, SURVEY_ITEMS, TRAINING_TIERS, type TrainingTier } from '../../../domain/training';
import { pathWithin, scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import { forbidden } from '../../errors';
import { classFor } from './access';
import { ENROLMENT_SUBJECT } from './certificate-issue';
import type { TrainingInstructors } from './instructors';

/** The effect-evaluation report of one class: satisfaction by item, instructors, the quiz before and after, comments. */
/** Who may read a class's effect-evaluation report: those who organise, run or oversee it, not its participants. */
export const maySeeSurveyReport = (caller: Pick<SessionAccount, 'role'>): boolean => caller.role !== 'officer' && caller.role !== 'enterprise';

export async function classSurveyReport(db: Database, pool: TrainingInstructors, caller: SessionAccount, classId: number) {
  if (!maySeeSurveyReport(caller)) throw forbidden('无权查看效果评估报告');
  const c = await classFor(db, caller, classId, 'read');
  const responses = await db
    .selectFrom('training_survey_responses as r')
    .innerJoin('training_enrolments as e', 'e.id', 'r.enrolment_id')
    .select(['r.ratings', 'r.instructor_ratings', 'r.comment', 'r.post_quiz_score', 'r.submitted_at', 'e.pre_quiz_score'])
    .where('r.class_id', '=', classId)
    .orderBy('r.submitted_at')
    .execute();
  const enrolled = Number(
    (
      await db
        .selectFrom('training_enrolments')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('class_id', '=', classId)
        .where('status', '=', 'enrolled')
        .executeTakeFirstOrThrow()
    ).n,
  );
  const items = SURVEY_ITEM_KEYS.map((key) => {
    const values = responses.map((r) => r.ratings[key]).filter((v): v is number => typeof v === 'number');
    return {
      key,
      label: SURVEY_ITEMS[key],
      mean: meanRating(values),
      satisfiedPercent: satisfiedPercent(values),
      distribution: [1, 2, 3, 4, 5].map((n) => values.filter((v) => v === n).length),
    };
  });
  const instructorRows = await db
    .selectFrom('training_class_instructors as ci')
    .innerJoin('training_instructors as i', 'i.id', 'ci.instructor_id')
    .select(['i.id', 'i.name', 'i.organisation', 'ci.topic'])
    .where('ci.class_id', '=', classId)
    .execute();
  const overall = await pool.ratings(instructorRows.map((i) => i.id));
  const instructors = instructorRows.map((i) => {
    const values = responses.map((r) => r.instructor_ratings[String(i.id)]).filter((v): v is number => typeof v === 'number');
    return {
      id: i.id,
      name: i.name,
      organisation: i.organisation,
      topic: i.topic,
      mean: meanRating(values),
      count: values.length,
      overallMean: overall.get(i.id)?.mean ?? null,
    };
  });
  const pre = responses.map((r) => r.pre_quiz_score).filter((v): v is number => v !== null);
  const post = responses.map((r) => r.post_quiz_score).filter((v): v is number => v !== null);
  const all = responses.flatMap((r) => SURVEY_ITEM_KEYS.map((k) => r.ratings[k]).filter((v): v is number => typeof v === 'number'));
  return {
    classId: c.id,
    className: c.name,
    tier: c.tier,
    enrolled,
    responses: responses.length,
    responseRate: enrolled === 0 ? null : Math.round((responses.length / enrolled) * 1000) / 10,
    overallMean: meanRating(all),
    overallSatisfiedPercent: satisfiedPercent(all),
    items,
    instructors,
    quiz:
      (c.quiz ?? []).length > 0
        ? { questions: (c.quiz ?? []).length, preMean: meanRating(pre), postMean: meanRating(post), preCount: pre.length, postCount: post.length }
        : null,
    comments: responses.filter((r) => r.comment).map((r) => ({ text: r.comment ?? '', submittedAt: r.submitted_at })),
  };
}

/**
 * The bureau's overview for a year: classes, enrolments and pass rates by tier, satisfaction by organising bureau,
 * instructor ratings, and coverage (active officers with a valid training certificate) by region below the caller.
 */
export async function trainingOverview(db: Database, caller: SessionAccount, year: number) {
  if (ROLE_SCOPE[caller.role] !== 'region') throw forbidden('仅市场监管部门可查看培训统计');
  const from = new Date(Date.UTC(year, 0, 1) - 8 * 3600_000);
  const to = new Date(Date.UTC(year + 1, 0, 1) - 8 * 3600_000);
  const classIds = db
    .selectFrom('training_classes as c')
    .select('c.id')
    .where(scopeOf(caller).region('c.org_unit_id'))
    .where('c.status', '=', 'open')
    .where(sql<boolean>`(select min(starts_at) from training_sessions s where s.class_id = c.id) >= ${from}`)
    .where(sql<boolean>`(select min(starts_at) from training_sessions s where s.class_id = c.id) < ${to}`);
  // pass rates computed per enrolment (pass mark differs per class)
  const enrolments = await db
    .selectFrom('training_enrolments as e')
    .innerJoin('training_classes as c', 'c.id', 'e.class_id')
    .select([
      'c.tier',
      'c.id as classId',
      'c.pass_mark',
      'e.score',
      'e.makeup_score',
      sql<boolean>`exists (select 1 from certificates ct where ct.subject_type = ${ENROLMENT_SUBJECT} and ct.subject_id = e.id and ct.status = 'valid')`.as(
        'certified',
      ),
    ])
    .where('e.class_id', 'in', classIds)
    .where('e.status', '=', 'enrolled')
    .execute();
  const classCounts = await db
    .selectFrom('training_classes as c')
    .select(['c.tier', (eb) => eb.fn.countAll<number>().as('n')])
    .where('c.id', 'in', classIds)
    .groupBy('c.tier')
    .execute();
  const tiers = TRAINING_TIERS.map((tier: TrainingTier) => {
    const rows = enrolments.filter((e) => e.tier === tier);
    const assessed = rows.filter((e) => e.score !== null);
    const passed = assessed.filter((e) => Number(e.score) >= e.pass_mark || (e.makeup_score !== null && Number(e.makeup_score) >= e.pass_mark));
    return {
      tier,
      classes: Number(classCounts.find((x) => x.tier === tier)?.n ?? 0),
      enrolled: rows.length,
      assessed: assessed.length,
      passed: passed.length,
      passRate: assessed.length === 0 ? null : Math.round((passed.length / assessed.length) * 1000) / 10,
      certified: rows.filter((e) => e.certified).length,
    };
  });

  const satisfaction = await sql<{ unit: string; responses: number; mean: string | null }>`
    select o.name as unit, count(*)::int as responses, avg(v.value::numeric) as mean
    from training_survey_responses r
    join training_classes c on c.id = r.class_id
    join org_units o on o.id = c.org_unit_id
    cross join lateral jsonb_each_text(r.ratings) v
    where c.id in ${classIds}
    group by o.name order by o.name`.execute(db);

  const instructors = await sql<{ id: number; name: string; organisation: string; mean: string; n: number }>`
    select i.id, i.name, i.organisation, avg(kv.value::numeric) as mean, count(*)::int as n
    from training_survey_responses r
    cross join lateral jsonb_each_text(r.instructor_ratings) kv
    join training_instructors i on i.id = kv.key::bigint
    where r.class_id in ${classIds}
    group by i.id, i.name, i.organisation
    order by avg(kv.value::numeric) desc, i.name`.execute(db);

  // coverage: each unit directly below the caller (or the caller itself for a county)
  const children = await db
    .selectFrom('org_units')
    .select(['id', 'code', 'name', 'path'])
    .where((eb) =>
      caller.orgUnitKind === 'county' || caller.orgUnitKind === 'zone' ? eb('id', '=', caller.orgUnitId) : eb('parent_id', '=', caller.orgUnitId),
    )
    .orderBy('sort')
    .orderBy('code')
    .execute();
  const coverage = [];
  for (const unit of children) {
    const row = await db
      .selectFrom('filings as f')
      .innerJoin('org_units as o', 'o.id', 'f.org_unit_id')
      .select([
        sql<number>`count(distinct f.person_id)::int`.as('active'),
        sql<number>`count(distinct f.person_id) filter (where exists (select 1 from certificates ct where ct.person_id = f.person_id and ct.kind = 'training_certificate' and ct.status = 'valid' and (ct.expires_at is null or ct.expires_at > ${clock.now()})))::int`.as(
          'trained',
        ),
      ])
      .where('f.status', '=', 'active')
      .where(pathWithin('o.path', unit.path))
      .executeTakeFirstOrThrow();
    const active = Number(row.active);
    const trained = Number(row.trained);
    coverage.push({
      orgUnitId: unit.id,
      code: unit.code,
      name: unit.name,
      activeOfficers: active,
      trainedOfficers: trained,
      percent: active === 0 ? null : Math.round((trained / active) * 1000) / 10,
    });
  }
  return {
    year,
    tiers,
    satisfaction: satisfaction.rows.map((r) => ({
      unit: r.unit,
      responses: Math.round(Number(r.responses) / SURVEY_ITEM_KEYS.length),
      mean: r.mean === null ? null : Math.round(Number(r.mean) * 10) / 10,
    })),
    instructors: instructors.rows.map((r) => ({
      id: Number(r.id),
      name: r.name,
      organisation: r.organisation,
      mean: Math.round(Number(r.mean) * 10) / 10,
      ratings: Number(r.n),
    })),
    coverage,
  };
}

/** The training reports, as the routes ask for them. */
export class TrainingReports {
  constructor(
    private readonly db: Database,
    private readonly pool: TrainingInstructors,
  ) {}

  surveyReport(caller: SessionAccount, classId: number) {
    return classSurveyReport(this.db, this.pool, caller, classId);
  }

  /** The year's overview; this year when none is given. */
  overview(caller: SessionAccount, year: number | undefined) {
    return trainingOverview(this.db, caller, year ?? Number(clock.now().toISOString().slice(0, 4)));
  }
}
