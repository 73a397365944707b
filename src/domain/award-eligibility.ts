/**
 * Award eligibility (质量奖申报条件, policy §八): "将建立首席质量官制度作为企业申报各级政府质量奖的必要条件".
 * An enterprise meets the CQO conditions when it has an active, filed CQO who is trained, whose annual study
 * account is met, and neither that officer nor the enterprise is under a blacklist ban. Pure: the server gathers
 * the facts, this decides, with one reason per condition (as eligibility.ts does for filings).
 */

export type AwardConditionKey = 'filedOfficer' | 'trained' | 'studyHours' | 'notBlacklisted';

export const AWARD_CONDITION_LABELS: Record<AwardConditionKey, string> = {
  filedOfficer: '已聘任并备案首席质量官',
  trained: '首席质量官经培训合格',
  studyHours: '首席质量官年度学时达标',
  notBlacklisted: '未列入首席质量官黑名单',
};

export interface AwardFacts {
  /** The enterprise's active filing, if any. */
  officer: { appointmentDate: string | null } | null;
  /** The officer holds a valid 培训合格证. */
  trained: boolean;
  /** Study accounts of the officer, e.g. this year and last year (a met year suffices). */
  study: { year: number; minutes: number; targetMinutes: number; targetHours: number }[];
  /** Blacklist bans in force today that concern the enterprise or its current officer. */
  bans: { noticeNo: string | null; banEnd: string; currentOfficer: boolean }[];
}

export interface AwardCondition {
  key: AwardConditionKey;
  label: string;
  pass: boolean;
  reason: string;
}

export interface AwardEligibility {
  eligible: boolean;
  conditions: AwardCondition[];
}

export function evaluateAwardEligibility(f: AwardFacts): AwardEligibility {
  const noOfficer = '无在任且已备案的首席质量官';
  const filed: AwardCondition = f.officer
    ? { key: 'filedOfficer', label: AWARD_CONDITION_LABELS.filedOfficer, pass: true, reason: `首席质量官聘任已备案${f.officer.appointmentDate ? `（聘任日期 ${f.officer.appointmentDate}）` : ''}` }
    : { key: 'filedOfficer', label: AWARD_CONDITION_LABELS.filedOfficer, pass: false, reason: `${noOfficer}，请先办理聘任备案` };

  const trained: AwardCondition = !f.officer
    ? { key: 'trained', label: AWARD_CONDITION_LABELS.trained, pass: false, reason: noOfficer }
    : f.trained
      ? { key: 'trained', label: AWARD_CONDITION_LABELS.trained, pass: true, reason: '首席质量官持有有效的培训合格证' }
      : { key: 'trained', label: AWARD_CONDITION_LABELS.trained, pass: false, reason: '首席质量官尚未取得有效的培训合格证' };

  let study: AwardCondition;
  if (!f.officer) {
    study = { key: 'studyHours', label: AWARD_CONDITION_LABELS.studyHours, pass: false, reason: noOfficer };
  } else {
    const met = [...f.study].sort((a, b) => b.year - a.year).find((s) => s.minutes >= s.targetMinutes);
    const years = [...f.study].sort((a, b) => a.year - b.year);
    study = met
      ? { key: 'studyHours', label: AWARD_CONDITION_LABELS.studyHours, pass: true, reason: `${met.year} 年度学时已达到 ${met.targetHours} 学时要求` }
      : {
          key: 'studyHours',
          label: AWARD_CONDITION_LABELS.studyHours,
          pass: false,
          reason: years.length ? `${years.map((s) => `${s.year} 年度`).join('、')}学时均未达到 ${years[years.length - 1]?.targetHours ?? 50} 学时要求` : '无学时记录',
        };
  }

  const ban = [...f.bans].sort((a, b) => (a.banEnd < b.banEnd ? 1 : -1))[0];
  const blacklist: AwardCondition = ban
    ? {
        key: 'notBlacklisted',
        label: AWARD_CONDITION_LABELS.notBlacklisted,
        pass: false,
        reason: `${ban.currentOfficer ? '现任首席质量官' : '本企业首席质量官'}因质量安全事故列入黑名单，禁入期至 ${ban.banEnd}${ban.noticeNo ? `（公告 ${ban.noticeNo}）` : ''}`,
      }
    : { key: 'notBlacklisted', label: AWARD_CONDITION_LABELS.notBlacklisted, pass: true, reason: '本企业及其首席质量官不在黑名单禁入期内' };

  const conditions = [filed, trained, study, blacklist];
  return { eligible: conditions.every((c) => c.pass), conditions };
}
