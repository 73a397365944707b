import type { Kysely } from 'kysely';
import { richTextToPlain, sanitizeRichText } from '../modules/community-cases/rich-text';
import { reindex } from '../modules/community-cases/case-rows';
import type { DB } from '../db/types';
import { clock } from '../clock';

interface DemoCase {
  title: string;
  summary: string;
  problem: string;
  method: string;
  results: string;
  tools: string[];
  featured: boolean;
}

const CASES: readonly DemoCase[] = [
  {
    title: '质量攻关：汽车零部件焊接一次合格率提升到99.3%',
    summary: '围绕焊接飞溅与虚焊两大缺陷开展质量攻关，半年内一次合格率由93.1%提升到99.3%。',
    problem: '<p>焊装车间年返修工时超过4000小时，主机厂来料投诉中焊接缺陷占62%。</p>',
    method:
      '<p>组建由首席质量官牵头的攻关小组，用<strong>鱼骨图</strong>梳理人机料法环测，运用DOE试验优化电流、电压和送丝速度参数，并对关键工位实施SPC控制。</p>',
    results: '<p>一次合格率提升到99.3%，年节约返修和索赔费用约180万元，形成《焊接工艺参数管理规范》企业标准。</p>',
    tools: ['质量攻关', 'SPC统计过程控制'],
    featured: true,
  },
  {
    title: 'QC小组活动降低注塑件尺寸超差',
    summary: '现场型QC小组按PDCA循环开展活动，注塑件尺寸超差率从2.8%降至0.4%。',
    problem: '<p>某型号外壳的卡扣尺寸波动大，装配不良频发。</p>',
    method: '<p>QC小组通过现状调查、要因确认，锁定模温波动与保压时间两项要因，制定对策表并逐项验证。</p>',
    results: '<p>超差率降至0.4%，小组成果获评省优秀QC小组成果。</p>',
    tools: ['QC小组', 'PDCA'],
    featured: false,
  },
  {
    title: '六西格玛DMAIC项目缩短锂电池化成工序周期',
    summary: '运用六西格玛DMAIC方法，化成工序周期缩短21%，容量一致性显著提升。',
    problem: '<p>化成工序是产能瓶颈，且电芯容量离散度大。</p>',
    method: '<p>定义阶段明确CTQ，测量阶段完成MSA，分析阶段用回归分析找出温度与电流曲线的影响，改进阶段优化充放电程序，控制阶段建立控制计划。</p>',
    results: '<p>工序周期缩短21%，容量CPK由0.92提升到1.45。</p>',
    tools: ['六西格玛', 'SPC统计过程控制'],
    featured: true,
  },
  {
    title: '建立全面质量管理体系，推动食品企业从检验把关到过程预防',
    summary: '以全面质量管理理念重构质量体系，原料到成品全过程风险受控，客户投诉下降65%。',
    problem: '<p>企业长期依赖成品检验，质量问题发现晚、损失大。</p>',
    method: '<p>首席质量官推动建立全面质量管理体系，开展HACCP危害分析，设置关键控制点，并把质量目标分解到班组绩效。</p>',
    results: '<p>客户投诉下降65%，通过省级质量标杆评审。</p>',
    tools: ['全面质量管理', '标准化'],
    featured: false,
  },
  {
    title: 'FMEA在医疗器械设计开发中的应用',
    summary: '在设计开发早期开展DFMEA与PFMEA，量产后不良率较上一代产品下降70%。',
    problem: '<p>新产品上市后设计更改频繁，召回风险高。</p>',
    method: '<p>组织跨部门团队按AIAG-VDA FMEA方法开展结构分析、功能分析与失效分析，对高优先级措施逐项闭环。</p>',
    results: '<p>设计更改次数减少58%，量产不良率下降70%。</p>',
    tools: ['FMEA', '可靠性工程'],
    featured: false,
  },
  {
    title: '卓越绩效模式引领纺织企业质量提升',
    summary: '导入卓越绩效评价准则，系统诊断经营管理短板，获评市长质量奖。',
    problem: '<p>企业规模扩张后管理粗放，质量成本居高不下。</p>',
    method: '<p>对照卓越绩效评价准则开展自评，识别出战略、过程管理和测量分析方面的改进机会，形成年度改进项目清单。</p>',
    results: '<p>质量损失率下降1.2个百分点，获评市长质量奖。</p>',
    tools: ['卓越绩效', '质量成本'],
    featured: false,
  },
];

/** Published demo cases by officers with active filings, one submitted case for the Kunshan review queue, and events. */
export async function seedDemoCommunityCases(db: Kysely<DB>): Promise<number> {
  const existing = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return 0;
  const authors = await db
    .selectFrom('filings as f')
    .innerJoin('persons as p', 'p.id', 'f.person_id')
    .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
    .select(['p.id as personId', 'p.account_id', 'f.enterprise_id', 'f.org_unit_id', 'e.industry_section', 'e.industry_division'])
    .where('f.status', '=', 'active')
    .where('p.account_id', 'is', null)
    .orderBy('f.id')
    .limit(CASES.length)
    .execute();
  const demoOfficer = await db
    .selectFrom('persons as p')
    .innerJoin('accounts as a', 'a.id', 'p.account_id')
    .innerJoin('filings as f', (j) => j.onRef('f.person_id', '=', 'p.id').on('f.status', '=', 'active'))
    .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
    .select(['p.id as personId', 'a.id as accountId', 'f.enterprise_id', 'f.org_unit_id', 'e.industry_section', 'e.industry_division'])
    .where('a.username', '=', 'officer-kunshan-1')
    .executeTakeFirst();
  const reviewer = await db.selectFrom('accounts').select('id').where('username', '=', 'province').executeTakeFirst();
  if (authors.length === 0 || !demoOfficer || !reviewer) return 0;
  let n = 0;
  const insert = async (
    c: DemoCase,
    a: { personId: number; accountId: number | null; enterprise_id: number; org_unit_id: number; industry_section: string; industry_division: string },
    status: 'published' | 'submitted',
    daysAgo: number,
  ) => {
    const problem = sanitizeRichText(c.problem);
    const method = sanitizeRichText(c.method);
    const results = sanitizeRichText(c.results);
    const bodyText = [problem, method, results].map(richTextToPlain).join('\n');
    const at = new Date(clock.nowMs() - daysAgo * 86_400_000);
    const row = await db
      .insertInto('cases')
      .values({
        person_id: a.personId,
        author_account_id: a.accountId,
        enterprise_id: a.enterprise_id,
        org_unit_id: a.org_unit_id,
        title: c.title,
        summary: c.summary,
        problem_html: problem,
        method_html: method,
        results_html: results,
        body_text: bodyText,
        tools: c.tools,
        industry_section: a.industry_section,
        industry_division: a.industry_division,
        status,
        featured: status === 'published' && c.featured,
        submitted_at: new Date(at.getTime() - 3 * 86_400_000),
        reviewed_at: status === 'published' ? at : null,
        reviewed_by: status === 'published' ? reviewer.id : null,
        published_at: status === 'published' ? at : null,
        created_at: new Date(at.getTime() - 5 * 86_400_000),
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await reindex(db, row.id, { title: c.title, summary: c.summary, tools: c.tools, body_text: bodyText });
    n += 1;
  };
  // the demo officers other than officer-kunshan-1 have no accounts, so their cases have no author account
  for (const [i, c] of CASES.entries()) {
    const a = authors[i % authors.length];
    if (!a) continue;
    await insert(c, { ...a, accountId: null }, 'published', 10 + i * 9);
  }
  await insert(
    {
      title: '质量信用分级管理在供应商管理中的实践',
      summary: '按质量信用对供应商分级，实施差异化检验，来料不良率下降40%。',
      problem: '<p>供应商数量多、来料质量参差不齐，检验资源紧张。</p>',
      method: '<p>建立供应商质量信用评价模型，A级免检、B级抽检、C级加严检验并限期整改。</p>',
      results: '<p>来料不良率下降40%，检验工时减少30%。</p>',
      tools: ['质量比对', '标准化'],
      featured: false,
    },
    demoOfficer,
    'submitted',
    1,
  );

  // events: two upcoming (Kunshan county, Suzhou city), two past with a photo-free report
  const units = await db.selectFrom('org_units').select(['id', 'code']).where('code', 'in', ['320583', '320500', '320100', '320000']).execute();
  const unit = (code: string) => units.find((u) => u.code === code)?.id;
  const day = 86_400_000;
  const startOfDayPlus = (days: number, hour: number) => {
    const d = new Date(clock.nowMs() + days * day);
    // hour in China time
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hour - 8, 0, 0));
  };
  const events = [
    {
      code: '320583',
      kind: 'site_visit' as const,
      title: '走进昆山精密制造标杆企业：质量攻关现场观摩',
      place: '昆山开发区前进东路 88 号',
      days: 7,
      hour: 9,
      hours: 3,
      capacity: 40,
      description: '参观焊装与总装车间，交流质量攻关、防错设计与过程控制经验。',
    },
    {
      code: '320500',
      kind: 'seminar' as const,
      title: '苏州市首席质量官六西格玛应用研讨会',
      place: '苏州市市场监管局 5 楼报告厅',
      days: 14,
      hour: 14,
      hours: 2,
      capacity: 80,
      description: '邀请六西格玛黑带大师分享DMAIC项目选题与落地经验，并分组研讨。',
    },
    {
      code: '320100',
      kind: 'exchange' as const,
      title: '南京市QC小组成果交流会',
      place: '南京国际博览中心 3 号会议室',
      days: -20,
      hour: 9,
      hours: 4,
      capacity: 120,
      description: '优秀QC小组成果发布与点评。',
      report: '来自全市的 96 位首席质量官参加交流，12 个QC小组发布成果，专家就问题解决型与创新型课题的选题作了点评。',
    },
    {
      code: '320000',
      kind: 'seminar' as const,
      title: '江苏省首席质量官制度推进研讨会',
      place: '南京市江东中路 南京国际会议中心',
      days: -45,
      hour: 9,
      hours: 6,
      capacity: 200,
      description: '交流各地首席质量官聘任备案、培训和履职工作经验。',
      report: '省局介绍了首席质量官覆盖率目标进展，苏州、无锡、常州等地交流了推进做法，与会代表围绕履职保障进行了研讨。',
    },
  ];
  for (const e of events) {
    const orgUnit = unit(e.code);
    if (orgUnit === undefined) continue;
    const startsAt = startOfDayPlus(e.days, e.hour);
    await db
      .insertInto('community_events')
      .values({
        org_unit_id: orgUnit,
        kind: e.kind,
        title: e.title,
        description: e.description,
        place: e.place,
        starts_at: startsAt,
        ends_at: new Date(startsAt.getTime() + e.hours * 3600_000),
        capacity: e.capacity,
        report_text: e.report ?? null,
        report_published_at: e.report ? new Date(startsAt.getTime() + 2 * day) : null,
      })
      .execute();
    n += 1;
  }
  return n;
}
