import { describe, expect, it } from 'vitest';
import { evaluateAwardEligibility, type AwardFacts } from './award-eligibility';
import { banCovers, dutyRecordInputSchema, noticeStatus, sanctionProposalSchema } from './supervision';

const target = { targetMinutes: 2250, targetHours: 50 };
const good: AwardFacts = {
  officer: { appointmentDate: '2025-03-01' },
  trained: true,
  study: [
    { year: 2026, minutes: 100, ...target },
    { year: 2025, minutes: 2250, ...target },
  ],
  bans: [],
};

describe('award eligibility (policy §八)', () => {
  it('passes an enterprise whose filed, trained officer met a year of study and is not banned, with a reason per condition', () => {
    const r = evaluateAwardEligibility(good);
    expect(r.eligible).toBe(true);
    expect(r.conditions.map((c) => [c.key, c.pass, c.reason])).toEqual([
      ['filedOfficer', true, '首席质量官聘任已备案（聘任日期 2025-03-01）'],
      ['trained', true, '首席质量官持有有效的培训合格证'],
      ['studyHours', true, '2025 年度学时已达到 50 学时要求'],
      ['notBlacklisted', true, '本企业及其首席质量官不在黑名单禁入期内'],
    ]);
  });

  it('prefers the latest met year and fails when no year is met (exactly the target passes)', () => {
    const both = evaluateAwardEligibility({ ...good, study: [{ year: 2025, minutes: 3000, ...target }, { year: 2026, minutes: 2250, ...target }] });
    expect(both.conditions[2]?.reason).toBe('2026 年度学时已达到 50 学时要求');
    const none = evaluateAwardEligibility({ ...good, study: [{ year: 2026, minutes: 2249, ...target }, { year: 2025, minutes: 0, ...target }] });
    expect(none.eligible).toBe(false);
    expect(none.conditions[2]).toMatchObject({ pass: false, reason: '2025 年度、2026 年度学时均未达到 50 学时要求' });
  });

  it('fails every officer condition without a filed officer', () => {
    const r = evaluateAwardEligibility({ officer: null, trained: true, study: [], bans: [] });
    expect(r.eligible).toBe(false);
    expect(r.conditions.filter((c) => !c.pass).map((c) => c.key)).toEqual(['filedOfficer', 'trained', 'studyHours']);
    expect(r.conditions[0]?.reason).toContain('请先办理聘任备案');
  });

  it('fails an untrained officer and a ban, naming the notice and the end of the ban', () => {
    const r = evaluateAwardEligibility({ ...good, trained: false, bans: [{ noticeNo: '苏质黑〔2026〕1号', banEnd: '2029-01-01', currentOfficer: false }] });
    expect(r.eligible).toBe(false);
    expect(r.conditions[1]).toMatchObject({ pass: false, reason: '首席质量官尚未取得有效的培训合格证' });
    expect(r.conditions[3]).toMatchObject({ pass: false, reason: '本企业首席质量官因质量安全事故列入黑名单，禁入期至 2029-01-01（公告 苏质黑〔2026〕1号）' });
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
    const p = { kind: 'blacklist', filingId: 1, incidentTitle: '批量质量事故', incidentDate: '2026-05-01', incidentDescription: '产品批量不合格致人受伤', reason: '履职不到位造成重大质量安全事故' };
    expect(sanctionProposalSchema.safeParse(p).error?.issues.map((i) => i.path[0])).toEqual(['banStart', 'banEnd']);
    expect(sanctionProposalSchema.safeParse({ ...p, banStart: '2026-06-01', banEnd: '2026-05-01' }).error?.issues[0]?.message).toBe('禁入结束日期不能早于开始日期');
    expect(sanctionProposalSchema.safeParse({ ...p, kind: 'warning' }).success).toBe(true);
  });
});
