import { Tag } from 'antd';
import dayjs from 'dayjs';
import {
  ATTENDANCE_STATUS_LABELS,
  ENROLMENT_STATUS_LABELS,
  TRAINING_FORMAT_LABELS,
  TRAINING_TIER_LABELS,
  type AttendanceStatus,
  type EnrolmentStatus,
  type TrainingFormat,
  type TrainingTier,
} from '../../../domain/training';

const TIER_COLORS: Record<TrainingTier, string> = { basic: 'blue', enhanced: 'purple', advanced: 'gold' };
export const TierTag = ({ tier }: { tier: TrainingTier }) => <Tag color={TIER_COLORS[tier]}>{TRAINING_TIER_LABELS[tier]}</Tag>;
export const FormatTag = ({ format }: { format: TrainingFormat }) => <Tag>{TRAINING_FORMAT_LABELS[format]}</Tag>;

const ENROLMENT_COLORS: Record<EnrolmentStatus, string> = { enrolled: 'success', waitlisted: 'warning', cancelled: 'default' };
export const EnrolmentTag = ({ status }: { status: EnrolmentStatus }) => <Tag color={ENROLMENT_COLORS[status]}>{ENROLMENT_STATUS_LABELS[status]}</Tag>;

const ATTENDANCE_COLORS: Record<AttendanceStatus, string> = { present: 'success', late: 'warning', absent: 'error' };
export const AttendanceTag = ({ status }: { status: AttendanceStatus | null | undefined }) =>
  status ? <Tag color={ATTENDANCE_COLORS[status]}>{ATTENDANCE_STATUS_LABELS[status]}</Tag> : <Tag>未签到</Tag>;

/** 05-20 09:00–17:00, or across days in full. */
export function timeRange(startsAt: string, endsAt: string): string {
  const s = dayjs(startsAt);
  const e = dayjs(endsAt);
  return s.isSame(e, 'day') ? `${s.format('YYYY-MM-DD HH:mm')}–${e.format('HH:mm')}` : `${s.format('YYYY-MM-DD HH:mm')} 至 ${e.format('YYYY-MM-DD HH:mm')}`;
}

export function classPeriod(first: string | null, last: string | null): string {
  if (!first || !last) return '—';
  const s = dayjs(first);
  const e = dayjs(last);
  return s.isSame(e, 'day') ? s.format('YYYY-MM-DD') : `${s.format('YYYY-MM-DD')} 至 ${e.format('MM-DD')}`;
}

export const certificatePdfHref = (id: number): string => `/api/training/certificates/${String(id)}/pdf`;
