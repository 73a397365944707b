import { CERTIFICATE_KINDS } from '../../../domain/certificates';
import { minutesToStudyHours, ONLINE_STUDY_LABEL, OTHER_LEARNING_LABEL } from '../../../domain/study-hours';
import { bureauName, chineseDate } from '../certificates/pdf';
import type { ProofDocument } from '../certificates/proof-pdf';
import { signatureLabel } from '../certificates/service';

/** What a 学时证明 certifies, signed into the certificate's payload. */
export interface TranscriptPayload {
  personName: string;
  idNumberMasked: string;
  year: number;
  totalMinutes: number;
  hours: number;
  /** online self-study, the policy's measure (transcripts issued before it was kept have none: their total was the measure) */
  onlineMinutes?: number;
  onlineHours?: number;
  targetHours: number;
  minutesPerHour: number;
  bySource: { label: string; minutes: number; hours: number; online?: boolean }[];
  /** the credited ledger lines, oldest first (transcripts issued before they were listed have none) */
  lines?: { occurredOn: string; sourceLabel: string; title: string; minutes: number }[];
  issuedOn: string;
  issuer: string;
}

/** The 学时证明 as a proof document: the account's particulars, a summary by source and every credited ledger line. */
export function transcriptDocument(
  p: TranscriptPayload,
  cert: { serial: string; status: string; status_reason: string | null; signing_key_id: string; signature_algorithm: string },
  publicUrl: string,
): ProofDocument {
  const mph = p.minutesPerHour;
  const hoursText = (minutes: number) => String(minutesToStudyHours(minutes, mph));
  const measured = p.onlineHours ?? p.hours;
  const met = measured >= p.targetHours;
  const lines = p.lines ?? [];
  const split = p.onlineMinutes !== undefined;
  const tables: ProofDocument['tables'] = [
    {
      heading: '学时汇总（按来源）',
      columns: [
        { label: '来源', width: 0.46 },
        { label: '分钟', width: 0.27, align: 'right' },
        { label: '学时', width: 0.27, align: 'right' },
      ],
      rows: p.bySource.map((s) => [
        split ? `${s.label}（${s.online ? ONLINE_STUDY_LABEL : OTHER_LEARNING_LABEL}）` : s.label,
        String(s.minutes),
        String(s.hours),
      ]),
      total: ['合计', String(p.totalMinutes), String(p.hours)],
    },
  ];
  if (lines.length > 0) {
    tables.push({
      heading: '学时明细',
      columns: [
        { label: '序号', width: 0.07, align: 'center' },
        { label: '日期', width: 0.14, align: 'center' },
        { label: '来源', width: 0.17 },
        { label: '内容', width: 0.42 },
        { label: '分钟', width: 0.1, align: 'right' },
        { label: '学时', width: 0.1, align: 'right' },
      ],
      rows: lines.map((l, i) => [String(i + 1), l.occurredOn, l.sourceLabel, l.title, String(l.minutes), hoursText(l.minutes)]),
      total: ['', '', '', `合计（${String(lines.length)} 项）`, String(p.totalMinutes), String(p.hours)],
      note: `注：1 学时 = ${String(mph)} 分钟。合计学时按分钟累加后折算，保留一位小数，不足 0.1 学时的部分不计，故可能与各行学时之和略有差异。`,
    });
  }
  return {
    title: CERTIFICATE_KINDS.transcript,
    serial: cert.serial,
    statement: split
      ? `兹证明${p.personName}同志${String(p.year)}年度线上自学${String(p.onlineHours)}学时（${String(p.onlineMinutes)}分钟），线上自学年度目标${String(p.targetHours)}学时，${met ? '已达标' : '尚未达标'}；另有其他学习${String(minutesToStudyHours(p.totalMinutes - (p.onlineMinutes ?? 0), mph))}学时，合计${String(p.hours)}学时。${lines.length > 0 ? '各项学时明细见下表。' : ''}`
      : `兹证明${p.personName}同志${String(p.year)}年度累计取得${String(p.hours)}学时（${String(p.totalMinutes)}分钟），年度目标${String(p.targetHours)}学时，${met ? '已达标' : '尚未达标'}。${lines.length > 0 ? '各项学时明细见下表。' : ''}`,
    rows: [
      ['姓名', p.personName],
      ['居民身份证号', p.idNumberMasked],
      ['年度', `${String(p.year)} 年`],
      ...(split ? ([[ONLINE_STUDY_LABEL, `${String(p.onlineHours)} 学时（${String(p.onlineMinutes)} 分钟）`]] as [string, string][]) : []),
      ['学时合计', `${String(p.hours)} 学时（${String(p.totalMinutes)} 分钟）`],
      [
        split ? '线上自学年度目标' : '年度目标',
        `${String(p.targetHours)} 学时（${met ? '已达标' : `尚差 ${String(Math.max(0, Math.round((p.targetHours - measured) * 10) / 10))} 学时`}）`,
      ],
      ['折算标准', `1 学时 = ${String(mph)} 分钟`],
    ],
    tables,
    subjectLine: `${p.personName}  ${String(p.year)} 年度`,
    issuer: bureauName(p.issuer),
    issuedOn: chineseDate(p.issuedOn),
    verifyUrl: `${publicUrl}/verify/${cert.serial}`,
    footnote: `本证明由江苏省企业首席质量官信息管理系统根据年度学时账户生成，带 ${signatureLabel(cert.signature_algorithm)} 数字签名（密钥 ${cert.signing_key_id}），扫码可核验。`,
    invalid: cert.status === 'valid' ? undefined : { watermark: '已撤销', note: `本证明已撤销：${cert.status_reason ?? ''}` },
  };
}
