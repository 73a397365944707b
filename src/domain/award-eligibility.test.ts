import { describe, expect, it } from 'vitest';
import { awardSchemeInputSchema, DEFAULT_AWARD_CONDITIONS, evaluateAwardEligibility, type AwardConditionSpec, type AwardFacts } from './award-eligibility';
import { banCovers, dutyRecordInputSchema, noticeStatus, sanctionProposalSchema } from './supervision';

const target = { minutesPerHour: 45, targetHours: 50 };
const good: AwardFacts = {
  today: '2026-06-01',
  officer: { appointmentDate: '2025-03-01' },
  trained: true,
  study: [
    { year: 2026, onlineMinutes: 100, ...target },
    { year: 2025, onlineMinutes: 2250, ...target },
  ],
  bans: [],
};
const ALL: AwardConditionSpec[] = [
  { kind: 'filed_officer', params: {} },
  { kind: 'trained', params: {} },
  { kind: 'online_study', params: {} },
  { kind: 'not_blacklisted', params: {} },
];

describe('award eligibility (policy 八: 必要条件)', () => {
  it('八: the default scheme is the necessary condition (a filed CQO) and no blacklisting', () => {
    expect(DEFAULT_AWARD_CONDITIONS.map((c) => c.kind)).toEqual(['filed_officer', 'not_blacklisted']);
    const r = evaluateAwardEligibility({ ...good, trained: false, study: [] });
    expect(r.eligible).toBe(true);
    expect(r.conditions.map((c) => [c.key, c.pass, c.reason])).toEqual([
      ['filed_officer', true, '首席质量官聘任已备案（聘任日期 2025-03-01）'],
      ['not_blacklisted', true, '本企业及其首席质量官不在黑名单禁入期内'],
    ]);
    expect(evaluateAwardEligibility({ ...good, officer: null }).conditions[0]).toMatchObject({
      pass: false,
      reason: '无在任且已备案的首席质量官，请先办理聘任备案',
    });
  });

  it('passes extra conditions in the scheme order, with a reason each', () => {
    const r = evaluateAwardEligibility(good, ALL);
    expect(r.eligible).toBe(true);
    expect(r.conditions.map((c) => [c.key, c.pass, c.reason])).toEqual([
      ['filed_officer', true, '首席质量官聘任已备案（聘任日期 2025-03-01）'],
      ['trained', true, '首席质量官持有有效的培训合格证'],
      ['online_study', true, '2025 年度线上自学已达到 50 学时'],
      ['not_blacklisted', true, '本企业及其首席质量官不在黑名单禁入期内'],
    ]);
  });

  it('prefers the latest met year of online study and fails when none is met (exactly the target passes)', () => {
    const both = evaluateAwardEligibility(
      {
        ...good,
        study: [
          { year: 2025, onlineMinutes: 3000, ...target },
          { year: 2026, onlineMinutes: 2250, ...target },
        ],
      },
      ALL,
    );
    expect(both.conditions[2]?.reason).toBe('2026 年度线上自学已达到 50 学时');
    const none = evaluateAwardEligibility(
      {
        ...good,
        study: [
          { year: 2026, onlineMinutes: 2249, ...target },
          { year: 2025, onlineMinutes: 0, ...target },
        ],
      },
      ALL,
    );
    expect(none.eligible).toBe(false);
    expect(none.conditions[2]).toMatchObject({ pass: false, reason: '2025 年度、2026 年度线上自学均未达到 50 学时' });
    const lower = evaluateAwardEligibility({ ...good, study: [{ year: 2026, onlineMinutes: 900, ...target }] }, [
      { kind: 'online_study', params: { hours: 20 } },
    ]);
    expect(lower.conditions[0]).toMatchObject({ pass: true, reason: '2026 年度线上自学已达到 20 学时' });
  });

  it('fails every officer condition without a filed officer, and checks tenure against the check day', () => {
    const r = evaluateAwardEligibility({ ...good, officer: null }, ALL);
    expect(r.conditions.filter((c) => !c.pass).map((c) => c.key)).toEqual(['filed_officer', 'trained', 'online_study']);
    const tenure: AwardConditionSpec[] = [{ kind: 'tenure', params: { months: 18 } }];
    expect(evaluateAwardEligibility(good, tenure).conditions[0]).toMatchObject({
      label: '首席质量官任职满 18 个月',
      pass: false,
      reason: '聘任日期 2025-03-01，2026-09-01 起任职满 18 个月',
    });
    expect(evaluateAwardEligibility({ ...good, today: '2026-09-01' }, tenure).conditions[0]?.pass).toBe(true);
  });

  it('fails an untrained officer and a ban, naming the notice and the end of the ban', () => {
    const r = evaluateAwardEligibility(
      { ...good, trained: false, bans: [{ noticeNo: '苏质黑〔2026〕1号', banEnd: '2029-01-01', currentOfficer: false }] },
      ALL,
    );
    expect(r.eligible).toBe(false);
    expect(r.conditions[1]).toMatchObject({ pass: false, reason: '首席质量官尚未取得有效的培训合格证' });
    expect(r.conditions[3]).toMatchObject({ pass: false, reason: '本企业首席质量官因质量安全事故列入黑名单，禁入期至 2029-01-01（公告 苏质黑〔2026〕1号）' });
  });

  it('八: a scheme without the necessary condition, or with a condition twice, is refused', () => {
    expect(awardSchemeInputSchema.safeParse({ conditions: [{ kind: 'trained' }] }).error?.issues[0]?.message).toContain('必要条件');
    expect(awardSchemeInputSchema.safeParse({ conditions: [{ kind: 'filed_officer' }, { kind: 'filed_officer' }] }).success).toBe(false);
    expect(awardSchemeInputSchema.safeParse({ conditions: [{ kind: 'filed_officer' }, { kind: 'tenure', params: { months: 12 } }] }).success).toBe(true);
  });
});

describe('supervision rules', () => {
  it('a ban holds from the decision to the end of its period, only while in force', () => {
    const e = { status: 'in_force', banStart: '2026-01-01', banEnd: '2026-12-31' };
    expect(banCovers(e, '2026-01-01')).toBe(true);
    expect(banCovers(e, '2026-12-31')).toBe(true);
    expect(banCovers(e, '2027-01-01')).toBe(false);
    expect(banCovers(e, '2025-12-31')).toBe(true);
    expect(banCovers({ ...e, status: 'removed' }, '2026-06-01')).toBe(false);
    expect(noticeStatus({ withdrawnAt: null, banStart: '2026-01-01', banEnd: '2026-12-31' }, '2027-01-01')).toBe('expired');
    expect(noticeStatus({ withdrawnAt: new Date(), banStart: '2026-01-01', banEnd: '2026-12-31' }, '2026-06-01')).toBe('removed');
  });

  it('asks a 三.4 record for its item, and a blacklisting for its ban period', () => {
    const base = { kind: 'quality_management', occurredOn: '2026-05-01', title: '焊接缺陷攻关', description: '组织攻关小组分析缺陷原因' };
    const noType = dutyRecordInputSchema.safeParse(base);
    expect(noType.success).toBe(false);
    expect(noType.error?.issues[0]).toMatchObject({ path: ['projectType'], message: '三.4 类履职请选择具体事项（如质量攻关、质量管理体系）' });
    expect(dutyRecordInputSchema.safeParse({ ...base, projectType: 'tackling' }).success).toBe(true);
    const p = {
      kind: 'blacklist',
      filingId: 1,
      incidentTitle: '批量质量事故',
      incidentDate: '2026-05-01',
      incidentDescription: '产品批量不合格致人受伤',
      reason: '履职不到位造成重大质量安全事故',
    };
    expect(sanctionProposalSchema.safeParse(p).error?.issues.map((i) => i.path[0])).toEqual(['banStart', 'banEnd']);
    expect(sanctionProposalSchema.safeParse({ ...p, banStart: '2026-06-01', banEnd: '2026-05-01' }).error?.issues[0]?.message).toBe(
      '禁入结束日期不能早于开始日期',
    );
    expect(sanctionProposalSchema.safeParse({ ...p, kind: 'warning' }).success).toBe(true);
  });
});
