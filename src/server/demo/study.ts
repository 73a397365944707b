import { sql, type Kysely } from 'kysely';
import { segmentForIndex } from '../search/chinese-text';
import { setStudyMinutes } from '../modules/study-ledger/ledger';
import type { DB } from '../db/types';
import { DEMO_OFFICER_ACCOUNT } from './filings';
import { clock } from '../clock';

const QUIZ_ROLE = {
  passScore: 60,
  questions: [
    { text: '首席质量官对可能危及质量安全的决策享有什么权利？', options: ['一票否决权', '建议权', '无权干预'], answer: [0] },
    { text: '政策要求首席质量官每年在线自学等累计不少于多少学时？', options: ['20 学时', '50 学时', '100 学时'], answer: [1] },
  ],
};
const QUIZ_CITY = { passScore: 60, questions: [{ text: '质量提升行动的核心是什么？', options: ['以质取胜', '以量取胜'], answer: [0] }] };

/**
 * Demo courses (one province-wide, one for 苏州市) using the bundled demo media, the demo officer's progress on
 * them, and study-ledger lines for the demo officers so the bureau views show people on track and behind.
 */
export async function seedDemoStudy(db: Kysely<DB>): Promise<number> {
  const existing = await db.selectFrom('courses').select('id').limit(1).executeTakeFirst();
  if (existing) return 0;
  const province = await db.selectFrom('org_units').select('id').where('kind', '=', 'province').executeTakeFirst();
  const suzhou = await db.selectFrom('org_units').select('id').where('code', '=', '320500').executeTakeFirst();
  if (!province || !suzhou) return 0;
  const course = async (
    orgUnitId: number,
    c: { title: string; summary: string; level: 'basic' | 'enhanced' | 'advanced'; required: boolean; credit_hours: number; tags: string[] },
  ) =>
    (
      await db
        .insertInto('courses')
        .values({
          ...c,
          org_unit_id: orgUnitId,
          status: 'published',
          published_at: clock.now(),
          search_vector: sql<string>`to_tsvector('simple', ${segmentForIndex([c.title, c.summary, ...c.tags].join(' '))})`,
          created_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const basics = await course(province.id, {
    title: '首席质量官履职基础',
    summary: '首席质量官的职责与权利、质量安全一票否决、质量管理体系要点，适合新任首席质量官。',
    level: 'basic',
    required: true,
    credit_hours: 1,
    tags: ['履职', '质量管理体系'],
  });
  const city = await course(suzhou.id, {
    title: '苏州市质量提升专题',
    summary: '苏州市质量提升行动与先进质量管理方法案例。',
    level: 'enhanced',
    required: false,
    credit_hours: 0.5,
    tags: ['质量提升', '卓越绩效'],
  });
  await course(province.id, {
    title: '卓越绩效管理模式（高级）',
    summary: '卓越绩效评价准则解读与自评实务（课时筹备中，暂未发布）。',
    level: 'advanced',
    required: false,
    credit_hours: 2,
    tags: ['卓越绩效'],
  }).then((id) => db.updateTable('courses').set({ status: 'draft', published_at: null }).where('id', '=', id).execute());
  const lessons = await db
    .insertInto('lessons')
    .values([
      {
        course_id: basics,
        sort: 1,
        title: '首席质量官的职责与权利',
        kind: 'video',
        duration_seconds: 60,
        media_key: 'bundled:demo-lesson.mp4',
        page_count: null,
        quiz: JSON.stringify(QUIZ_ROLE),
      },
      {
        course_id: basics,
        sort: 2,
        title: '质量强国建设纲要学习材料',
        kind: 'document',
        duration_seconds: 120,
        media_key: 'bundled:demo-document.pdf',
        page_count: 2,
        quiz: JSON.stringify(null),
      },
      { course_id: basics, sort: 3, title: '单元测验', kind: 'quiz', duration_seconds: 0, media_key: null, page_count: null, quiz: JSON.stringify(QUIZ_ROLE) },
      {
        course_id: city,
        sort: 1,
        title: '质量提升行动概览',
        kind: 'video',
        duration_seconds: 60,
        media_key: 'bundled:demo-lesson.mp4',
        page_count: null,
        quiz: JSON.stringify(QUIZ_CITY),
      },
    ])
    .returning('id')
    .execute();
  const today = clock.today();
  const year = Number(today.slice(0, 4));
  // ledger lines for active demo officers: a spread of online self-study progress (some done, some on track, many
  // behind; policy §五 measures online study) and, for every third, offline learning beside it
  const demoOfficer = await db
    .selectFrom('accounts as a')
    .innerJoin('persons as p', 'p.account_id', 'a.id')
    .select(['a.id as accountId', 'p.id as personId'])
    .where('a.username', '=', DEMO_OFFICER_ACCOUNT)
    .executeTakeFirst();
  const officers = await db.selectFrom('filings').select('person_id').distinct().where('status', '=', 'active').orderBy('person_id').execute();
  for (const [i, o] of officers.entries()) {
    // the demo officer is behind (offline learning only, no online self-study), so its pages show reminders and something to catch up on
    const isDemo = o.person_id === demoOfficer?.personId;
    const minutes = isDemo ? 0 : ([2400, 1800, 1200, 600, 240, 0][i % 6] ?? 0);
    if (minutes > 0)
      await setStudyMinutes(db, {
        personId: o.person_id,
        year,
        source: 'self_study',
        sourceRef: 'demo:self_study',
        title: '在线自学：质量管理基础课程（演示数据）',
        occurredOn: `${year}-03-10`,
        minutes,
      });
    if (isDemo || i % 3 === 0)
      await setStudyMinutes(db, {
        personId: o.person_id,
        year,
        source: 'offline',
        sourceRef: 'demo:offline',
        title: '线下学习：质量管理体系内审员培训（演示数据）',
        occurredOn: `${year}-03-15`,
        minutes: isDemo ? 300 : 600,
      });
  }
  // the demo officer watched part of the first lesson
  const officer = demoOfficer;
  const first = lessons[0];
  if (officer && first) {
    const session = await db
      .insertInto('study_sessions')
      .values({
        account_id: officer.accountId,
        person_id: officer.personId,
        lesson_id: first.id,
        course_id: basics,
        kind: 'video',
        duration_seconds: 60,
        lesson_completed: false,
        credited_before: 0,
        credited_seconds: 20,
        last_seq: 1,
        last_position: 20,
        last_beat_at: new Date(clock.nowMs() - 86_400_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('lesson_progress')
      .values({ person_id: officer.personId, lesson_id: first.id, course_id: basics, best_score: null, completed_at: null, completed_year: null })
      .execute();
    await db.insertInto('study_leases').values({ person_id: officer.personId, session_id: session.id }).execute();
  }
  return 3;
}
