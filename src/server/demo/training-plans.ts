import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import type { Kysely } from 'kysely';
import PDFDocument from 'pdfkit';
import type { TrainingTier } from '../../domain/training-delegation';
import type { FileStore } from '../storage/file-store';
import type { TrainingPlanStatus } from '../db/tables-training-plans';
import type { DB } from '../db/types';
import { clock } from '../clock';

const require = createRequire(import.meta.url);
const FONT = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');

/** Counties the demo 苏州 bureau has merged into the city (合并至市级): no county bureau of their own in the demo. */
const MERGED_COUNTIES = ['320506', '320507'];

interface DemoPlan {
  unit: string;
  tier: TrainingTier;
  yearOffset: number;
  status: TrainingPlanStatus;
  title: string;
  budget: number;
  topics: string[];
  classes: [title: string, month: number, format: 'offline' | 'online' | 'blended', places: number, hours: number, budget: number][];
  comments?: [unit: string, kind: 'comment' | 'returned' | 'acknowledged', body: string][];
}

const PLANS: readonly DemoPlan[] = [
  {
    unit: '320000',
    tier: 'advanced',
    yearOffset: 0,
    status: 'submitted',
    title: '江苏省首席质量官高级研修计划',
    budget: 600000,
    topics: ['质量强国战略', '卓越绩效管理', '质量安全风险治理'],
    classes: [
      ['首席质量官高级研修班（第一期）', 5, 'offline', 120, 32, 240000],
      ['首席质量官高级研修班（第二期）', 10, 'offline', 120, 32, 240000],
      ['质量发展前沿专题网络讲座', 7, 'online', 500, 8, 60000],
    ],
  },
  {
    unit: '320500',
    tier: 'enhanced',
    yearOffset: 0,
    status: 'acknowledged',
    title: '苏州市首席质量官提升培训计划',
    budget: 300000,
    topics: ['质量管理体系', '质量攻关与QC小组', '品牌建设'],
    classes: [
      ['首席质量官继续教育提升班（上半年）', 4, 'blended', 150, 24, 120000],
      ['首席质量官继续教育提升班（下半年）', 9, 'blended', 150, 24, 120000],
      ['标杆企业现场观摩', 11, 'offline', 80, 8, 40000],
    ],
    comments: [
      ['320000', 'comment', '建议增加数字化质量管理内容。'],
      ['320000', 'acknowledged', '已阅，请按计划组织实施。'],
    ],
  },
  {
    unit: '320500',
    tier: 'basic',
    yearOffset: 0,
    status: 'submitted',
    title: '苏州市首席质量官基础培训计划（覆盖吴中区、相城区）',
    budget: 120000,
    topics: ['质量法律法规', '首席质量官职责与权限'],
    classes: [
      ['吴中区、相城区首席质量官任职培训班', 3, 'offline', 100, 16, 60000],
      ['拟任首席质量官任职培训班', 8, 'offline', 80, 16, 50000],
    ],
  },
  {
    unit: '320583',
    tier: 'basic',
    yearOffset: 0,
    status: 'acknowledged',
    title: '昆山市首席质量官基础培训计划',
    budget: 90000,
    topics: ['质量法律法规', '首席质量官职责与权限', '质量安全一票否决'],
    classes: [
      ['新任首席质量官任职培训班（第一期）', 3, 'offline', 80, 16, 35000],
      ['新任首席质量官任职培训班（第二期）', 9, 'offline', 80, 16, 35000],
      ['质量安全案例线上课程', 6, 'online', 300, 6, 10000],
    ],
    comments: [
      ['320500', 'comment', '第二期请与市级提升班错开时间。'],
      ['320583', 'comment', '已将第二期调整至 9 月。'],
      ['320500', 'acknowledged', '同意。'],
    ],
  },
  {
    unit: '320508',
    tier: 'basic',
    yearOffset: 0,
    status: 'returned',
    title: '姑苏区首席质量官基础培训计划',
    budget: 30000,
    topics: ['质量法律法规'],
    classes: [['首席质量官任职培训班', 5, 'offline', 50, 12, 30000]],
    comments: [['320500', 'returned', '课时偏少，基础培训不少于 16 学时，请调整后重新报送。']],
  },
  {
    unit: '320100',
    tier: 'enhanced',
    yearOffset: 0,
    status: 'submitted',
    title: '南京市首席质量官提升培训计划',
    budget: 250000,
    topics: ['质量管理体系', '质量成本管理'],
    classes: [
      ['首席质量官提升培训班', 6, 'offline', 120, 24, 150000],
      ['质量管理方法线上专题', 10, 'online', 400, 12, 50000],
    ],
  },
  {
    unit: '320102',
    tier: 'basic',
    yearOffset: 0,
    status: 'draft',
    title: '玄武区首席质量官基础培训计划',
    budget: 50000,
    topics: ['质量法律法规'],
    classes: [['首席质量官任职培训班', 4, 'offline', 60, 16, 40000]],
  },
  {
    unit: '320583',
    tier: 'basic',
    yearOffset: 1,
    status: 'draft',
    title: '昆山市首席质量官基础培训计划（下一年度）',
    budget: 100000,
    topics: ['质量法律法规', '首席质量官职责与权限'],
    classes: [['新任首席质量官任职培训班', 4, 'offline', 100, 16, 45000]],
  },
];

const CURRICULA: readonly { unit: string; tier: TrainingTier; title: string; modules: [string, number, string[], string][] }[] = [
  {
    unit: '320500',
    tier: 'basic',
    title: '苏州市首席质量官基础培训课程体系',
    modules: [
      ['质量法律法规与政策', 4, ['产品质量法', '江苏省企业首席质量官制度'], '掌握首席质量官履职的法律与政策依据'],
      ['首席质量官职责与权限', 4, ['一票否决', '直接向总经理负责'], '明确岗位职责、权限与报告关系'],
      ['质量管理基础', 8, ['质量管理体系', '质量检验与控制'], '掌握质量管理的基本方法'],
    ],
  },
  {
    unit: '320500',
    tier: 'enhanced',
    title: '苏州市首席质量官提升培训课程体系',
    modules: [
      ['卓越绩效与质量战略', 8, ['卓越绩效评价准则', '质量战略规划'], '能够组织制定企业质量战略'],
      ['质量攻关与改进', 8, ['QC 小组', '六西格玛'], '能够组织质量攻关与持续改进'],
      ['品牌建设与质量文化', 8, ['品牌培育', '质量文化'], '推动企业质量文化建设'],
    ],
  },
  {
    unit: '320000',
    tier: 'advanced',
    title: '江苏省首席质量官高级研修课程体系',
    modules: [
      ['质量强国战略与政策', 8, ['质量强国建设纲要', '江苏质量发展规划'], '把握质量发展的政策方向'],
      ['质量安全风险治理', 12, ['风险评估', '重大质量安全事故案例'], '提升质量安全风险防控能力'],
      ['数字化质量管理', 12, ['质量大数据', '智能检测'], '推动企业质量管理数字化转型'],
    ],
  },
];

/** A small PDF handout (Noto Sans SC) for a demo material. */
async function handout(title: string, lines: string[]): Promise<PassThrough> {
  const out = new PassThrough();
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title } });
  doc.pipe(out);
  doc.registerFont('regular', FONT);
  doc.font('regular').fontSize(20).text(title);
  doc.moveDown();
  doc.fontSize(12);
  for (const line of lines) doc.text(line).moveDown(0.5);
  doc.end();
  return Promise.resolve(out);
}

/**
 * Demo data of the planning side of training: two 苏州 counties merged into the city, plans of several bureaus
 * in every state (this year, one for next year), the 苏州 and province curricula, and, when a file store is
 * given, materials with real PDF handouts. Idempotent: does nothing once any plan exists.
 */
export async function seedDemoTrainingPlans(db: Kysely<DB>, files?: FileStore): Promise<number> {
  const existing = await db.selectFrom('training_plans').select('id').limit(1).executeTakeFirst();
  if (existing) return 0;
  const units = new Map(
    (await db.selectFrom('org_units').select(['id', 'code']).where('kind', 'in', ['province', 'city', 'county']).execute()).map((u) => [u.code, u.id]),
  );
  const accountOf = async (code: string) =>
    (
      await db
        .selectFrom('accounts')
        .select('id')
        .where('org_unit_id', '=', units.get(code) ?? -1)
        .where('role', 'in', ['province_admin', 'city_admin', 'county_admin'])
        .orderBy('id')
        .executeTakeFirst()
    )?.id ?? null;
  const unit = (code: string) => {
    const id = units.get(code);
    if (id === undefined) throw new Error(`demo org unit ${code} missing`);
    return id;
  };
  const suzhouAccount = await accountOf('320500');

  for (const code of MERGED_COUNTIES) {
    await db
      .insertInto('county_training_settings')
      .values({
        org_unit_id: unit(code),
        merged_into_city: true,
        note: '县级暂不具备组织基础培训条件，由市局统一组织',
        updated_by: suzhouAccount,
        updated_at: clock.now(),
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  const year = Number(clock.today().slice(0, 4));
  let added = 0;
  for (const p of PLANS) {
    const author = await accountOf(p.unit);
    if (author === null) continue;
    const filed = p.status !== 'draft';
    const submittedAt = new Date(clock.nowMs() - 30 * 86_400_000);
    const plan = await db
      .insertInto('training_plans')
      .values({
        org_unit_id: unit(p.unit),
        tier: p.tier,
        year: year + p.yearOffset,
        title: `${year + p.yearOffset} 年度${p.title}`,
        topics: p.topics,
        summary: '按照《江苏省企业首席质量官制度》第五条，统筹安排培训专项经费，做到统一要求、统一教材、统一师资。',
        budget_yuan: p.budget,
        status: p.status,
        submitted_at: filed ? submittedAt : null,
        submitted_by: filed ? author : null,
        reviewed_at: p.status === 'acknowledged' || p.status === 'returned' ? new Date(submittedAt.getTime() + 5 * 86_400_000) : null,
        created_by: author,
        updated_by: author,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('training_plan_classes')
      .values(
        p.classes.map(([title, month, format, places, hours, budget], i) => ({
          plan_id: plan.id,
          seq: i + 1,
          title,
          planned_month: month,
          format,
          places,
          hours,
          budget_yuan: budget,
          budget_note: '师资、场地与资料费',
        })),
      )
      .execute();
    if (filed)
      await db
        .insertInto('training_plan_comments')
        .values({ plan_id: plan.id, kind: 'submitted', author_account_id: author, author_org_unit_id: unit(p.unit), created_at: submittedAt })
        .execute();
    for (const [i, [by, kind, body]] of (p.comments ?? []).entries()) {
      const account = await accountOf(by);
      if (account === null) continue;
      await db
        .insertInto('training_plan_comments')
        .values({
          plan_id: plan.id,
          kind,
          body,
          author_account_id: account,
          author_org_unit_id: unit(by),
          created_at: new Date(submittedAt.getTime() + (i + 1) * 86_400_000),
        })
        .execute();
    }
    added += 1;
  }

  for (const c of CURRICULA) {
    const author = await accountOf(c.unit);
    const curriculum = await db
      .insertInto('training_curricula')
      .values({
        org_unit_id: unit(c.unit),
        tier: c.tier,
        title: c.title,
        description: '全市（省）统一使用的课程体系与教材。',
        created_by: author,
        updated_by: author,
      })
      .onConflict((oc) => oc.columns(['org_unit_id', 'tier']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!curriculum) continue;
    const modules = [];
    for (const [i, [title, hours, topics, objectives]] of c.modules.entries()) {
      modules.push(
        await db
          .insertInto('training_curriculum_modules')
          .values({ curriculum_id: curriculum.id, seq: i + 1, title, hours, topics, objectives })
          .returning(['id', 'title', 'seq', 'hours', 'topics', 'objectives'])
          .executeTakeFirstOrThrow(),
      );
    }
    await db
      .insertInto('training_curriculum_versions')
      .values({ curriculum_id: curriculum.id, version: 1, snapshot: JSON.stringify({ title: c.title, tier: c.tier, modules }), created_by: author })
      .execute();
    if (!files) continue;
    for (const m of modules.slice(0, 2)) {
      const stored = await files.put(
        'training-materials',
        'bin',
        await handout(`${m.title}（讲义）`, [c.title, `学时：${m.hours}`, `主题：${m.topics.join('、')}`, `学习目标：${m.objectives ?? ''}`]),
      );
      await db
        .insertInto('training_materials')
        .values({
          org_unit_id: unit(c.unit),
          tier: c.tier,
          module_id: m.id,
          title: `${m.title}讲义`,
          description: '统一教材（演示）',
          file_key: stored.key,
          file_type: 'pdf',
          file_name: `${m.title}讲义.pdf`,
          size_bytes: stored.bytes,
          uploaded_by: author,
        })
        .execute();
    }
  }
  return added;
}
