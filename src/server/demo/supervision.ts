import type { Kysely } from 'kysely';
import { maskName } from '../../domain/certificates';
import { todayInChina } from '../../domain/working-days';
import type { DB } from '../db/types';
import { clock } from '../clock';

const daysFrom = (day: string, n: number): string => todayInChina(new Date(new Date(`${day}T12:00:00+08:00`).getTime() + n * 86_400_000));

/**
 * Demo supervision data: duty records of the demo officer (officer-kunshan-1 / ent-kunshan-1), an expert pool
 * across the demo counties with a draw, a decided warning (姑苏) and a blacklisting (玄武) with its public notice,
 * its filing ended and its proof invalidated as the province's decision does. The demo pair is never sanctioned.
 */
export async function seedDemoSupervision(db: Kysely<DB>): Promise<number> {
  const existing = await db.selectFrom('duty_records').select('id').limit(1).executeTakeFirst();
  if (existing) return 0;
  const today = clock.today();
  const account = async (username: string) =>
    (await db.selectFrom('accounts').select(['id', 'org_unit_id']).where('username', '=', username).executeTakeFirst()) ?? null;
  const [officer, enterprise, province, kunshan, gusu, xuanwu, suzhou] = await Promise.all(
    ['officer-kunshan-1', 'ent-kunshan-1', 'province', 'kunshan', 'gusu', 'xuanwu', 'suzhou'].map(account),
  );
  if (!officer || !enterprise || !province || !kunshan || !gusu || !xuanwu || !suzhou) return 0;
  const demo = await db
    .selectFrom('filings as f')
    .innerJoin('persons as p', 'p.id', 'f.person_id')
    .select(['f.id', 'f.person_id', 'f.enterprise_id', 'f.org_unit_id', 'f.appointment_date'])
    .where('p.account_id', '=', officer.id)
    .where('f.status', '=', 'active')
    .executeTakeFirst();
  if (!demo) return 0;
  let added = 0;

  // duty records of the demo officer, entered by the officer and by the enterprise
  const start = demo.appointment_date ?? daysFrom(today, -60);
  const records = [
    {
      by: officer.id,
      kind: 'veto',
      project_type: null,
      days: 3,
      title: '否决不合格原材料批次投产',
      description: '进厂检验发现一批铝合金型材抗拉强度低于标准要求，行使质量安全一票否决，停止该批次投产。',
      outcome: '退货并约谈供应商，避免批量质量问题',
    },
    {
      by: enterprise.id,
      kind: 'management_meeting',
      project_type: null,
      days: 10,
      title: '总经理办公会质量专题',
      description: '首席质量官在总经理例会上通报第三季度客户投诉与内部质量损失，提出整改与投入建议。',
      outcome: '会议决定 5 项改进措施并明确责任部门',
    },
    {
      by: officer.id,
      kind: 'laws',
      project_type: null,
      days: 12,
      title: '组织学习新版计量法规',
      description: '组织计量、检验部门学习新修订的计量法规和产品认证实施规则，梳理企业执行清单。',
      outcome: '更新 12 项内部管理制度',
    },
    {
      by: enterprise.id,
      kind: 'quality_management',
      project_type: 'system',
      days: 15,
      title: 'ISO 9001 质量管理体系内审',
      description: '首席质量官组织年度质量管理体系内部审核和管理评审。',
      outcome: '关闭 8 项不符合项',
    },
    {
      by: officer.id,
      kind: 'quality_management',
      project_type: 'tackling',
      days: 20,
      title: '焊接气孔缺陷攻关',
      description: '组织 QC 小组对焊接气孔缺陷开展攻关，应用六西格玛 DMAIC 方法分析原因。',
      outcome: '焊接一次合格率由 96.2% 提升至 99.1%',
    },
    {
      by: enterprise.id,
      kind: 'quality_management',
      project_type: 'comparison',
      days: 25,
      title: '与行业标杆质量比对',
      description: '选取关键质量指标与行业标杆企业开展对标比对。',
      outcome: '形成比对报告，找出 3 项差距',
    },
    {
      by: officer.id,
      kind: 'quality_management',
      project_type: 'innovation',
      days: 30,
      title: '在线视觉检测创新应用',
      description: '引入机器视觉在线检测替代人工目检。',
      outcome: '漏检率下降 80%',
    },
    {
      by: officer.id,
      kind: 'government_work',
      project_type: null,
      days: 35,
      title: '参加昆山市质量提升诊断活动',
      description: '应昆山市市场监管局邀请，参加小微企业质量提升诊断服务。',
      outcome: '为 3 家企业出具诊断意见',
    },
  ] as const;
  for (const r of records) {
    const occurred = daysFrom(start, r.days) > today ? today : daysFrom(start, r.days);
    await db
      .insertInto('duty_records')
      .values({
        filing_id: demo.id,
        person_id: demo.person_id,
        enterprise_id: demo.enterprise_id,
        org_unit_id: demo.org_unit_id,
        kind: r.kind,
        project_type: r.project_type,
        occurred_on: occurred,
        title: r.title,
        description: r.description,
        outcome: r.outcome,
        created_by: r.by,
      })
      .execute();
    added += 1;
  }

  // active filings of officers without an account (the demo officers' own states are the e2e's and the tests'):
  // expert pool members and the sanctioned officers
  const activeIn = (code: string, n: number) =>
    db
      .selectFrom('filings as f')
      .innerJoin('org_units as o', 'o.id', 'f.org_unit_id')
      .innerJoin('persons as p', 'p.id', 'f.person_id')
      .innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
      .select(['f.id', 'f.person_id', 'f.enterprise_id', 'f.org_unit_id', 'p.name', 'e.name as enterpriseName', 'e.uscc'])
      .where('o.code', '=', code)
      .where('f.status', '=', 'active')
      .where('p.account_id', 'is', null)
      .orderBy('f.id')
      .limit(n)
      .execute();
  const [ks, gs, xw] = await Promise.all([activeIn('320583', 2), activeIn('320508', 3), activeIn('320102', 3)]);
  const experts: { f: { person_id: number; org_unit_id: number } | undefined; by: number; fields: string[]; section: string }[] = [
    { f: ks[0], by: kunshan.id, fields: ['质量管理体系', '质量诊断'], section: 'C' },
    { f: ks[1], by: kunshan.id, fields: ['卓越绩效', '质量奖评审'], section: 'C' },
    { f: gs[0], by: gusu.id, fields: ['六西格玛', '统计过程控制'], section: 'C' },
    { f: xw[0], by: xuanwu.id, fields: ['服务质量', '顾客满意度测评'], section: 'I' },
  ];
  let firstMember: number | null = null;
  for (const x of experts) {
    if (!x.f) continue;
    const row = await db
      .insertInto('expert_pool_members')
      .values({
        person_id: x.f.person_id,
        org_unit_id: x.f.org_unit_id,
        fields: x.fields,
        industry_section: x.section,
        status: 'active',
        nominated_by: x.by,
        responded_at: clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    firstMember ??= row.id;
  }
  // the demo officer has a nomination to answer
  await db
    .insertInto('expert_pool_members')
    .values({ person_id: demo.person_id, org_unit_id: demo.org_unit_id, fields: ['焊接质量', '质量攻关'], industry_section: 'C', nominated_by: kunshan.id })
    .execute();
  if (firstMember !== null) {
    await db
      .insertInto('expert_draws')
      .values({
        member_id: firstMember,
        org_unit_id: suzhou.org_unit_id,
        task_kind: 'review',
        task_title: '苏州市市长质量奖现场评审',
        task_date: daysFrom(today, 7),
        drawn_by: suzhou.id,
      })
      .execute();
  }

  // a decided warning (姑苏)
  const warned = gs[1];
  if (warned) {
    await db
      .insertInto('sanctions')
      .values({
        kind: 'warning',
        person_id: warned.person_id,
        enterprise_id: warned.enterprise_id,
        filing_id: warned.id,
        org_unit_id: warned.org_unit_id,
        incident_title: '产品质量监督抽查不合格',
        incident_date: daysFrom(today, -75),
        incident_description: '省级监督抽查中一批次产品关键安全指标不合格，企业未及时召回。',
        reason: '首席质量官未及时组织不合格品处置，履职不到位',
        status: 'in_force',
        proposed_by: gusu.id,
        proposed_at: new Date(clock.nowMs() - 50 * 86_400_000),
        decided_by: province.id,
        decided_at: new Date(clock.nowMs() - 45 * 86_400_000),
        decision_reason: '经核查属实，予以警示',
      })
      .execute();
  }

  // a blacklisting (玄武) with its public notice; the filing ends and its proof is invalidated
  const banned = xw[1];
  if (banned) {
    const decidedOn = daysFrom(today, -30);
    const noticeNo = `苏质黑〔${decidedOn.slice(0, 4)}〕1号`;
    const s = await db
      .insertInto('sanctions')
      .values({
        kind: 'blacklist',
        person_id: banned.person_id,
        enterprise_id: banned.enterprise_id,
        filing_id: banned.id,
        org_unit_id: banned.org_unit_id,
        incident_title: '压力容器爆裂较大质量安全事故',
        incident_date: daysFrom(today, -90),
        incident_description: '出厂检验记录造假，一台压力容器在用户现场爆裂，造成 2 人受伤。',
        reason: '首席质量官明知检验缺失仍同意放行，未行使质量安全一票否决，造成重大质量安全事故',
        ban_start: decidedOn,
        ban_end: daysFrom(decidedOn, 3 * 365),
        status: 'in_force',
        proposed_by: xuanwu.id,
        proposed_at: new Date(clock.nowMs() - 40 * 86_400_000),
        decided_by: province.id,
        decided_at: new Date(clock.nowMs() - 30 * 86_400_000),
        decision_reason: '经调查属实，列入黑名单，禁入三年',
      })
      .returning(['id', 'ban_start', 'ban_end', 'incident_title', 'reason'])
      .executeTakeFirstOrThrow();
    const endReason = `列入首席质量官黑名单（${noticeNo}）`;
    await db
      .updateTable('filings')
      .set({ status: 'ended', end_kind: 'blacklisted', exit_cause: 'accident', end_reason: endReason, ended_at: decidedOn, updated_at: clock.now() })
      .where('id', '=', banned.id)
      .execute();
    await db.updateTable('enterprises').set({ has_active_officer: false }).where('id', '=', banned.enterprise_id).execute();
    await db
      .updateTable('certificates')
      .set({ status: 'ended', status_reason: endReason, status_changed_at: clock.now() })
      .where('subject_type', '=', 'filing')
      .where('subject_id', '=', banned.id)
      .where('status', '=', 'valid')
      .execute();
    await db
      .insertInto('blacklist_notices')
      .values({
        sanction_id: s.id,
        notice_no: noticeNo,
        person_name_masked: maskName(banned.name),
        enterprise_name: banned.enterpriseName,
        uscc: banned.uscc,
        reason: `${s.incident_title}：${s.reason}`,
        ban_start: s.ban_start ?? decidedOn,
        ban_end: s.ban_end ?? decidedOn,
        published_at: new Date(clock.nowMs() - 30 * 86_400_000),
      })
      .execute();
  }
  return added;
}
