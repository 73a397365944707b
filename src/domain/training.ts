/**
 * Three-tier training (基础/提升/高级): the pure rules of classes, enrolment, attendance, completion and
 * the effect-evaluation survey, shared by the server and the web app.
 */

export const TRAINING_TIERS = ['basic', 'enhanced', 'advanced'] as const;
export type TrainingTier = (typeof TRAINING_TIERS)[number];
export const TRAINING_TIER_LABELS: Record<TrainingTier, string> = { basic: '基础', enhanced: '提升', advanced: '高级' };

/** The tier a class of each tier requires a valid certificate of (policy: 提升 after 基础, 高级 after 提升). */
export const TIER_PREREQUISITE: Record<TrainingTier, TrainingTier | null> = { basic: null, enhanced: 'basic', advanced: 'enhanced' };

/** The org-unit kinds that organise each tier: counties 基础 (or their city when merged), cities 提升, the province 高级. */
export const TIER_ORGANISER_KINDS: Record<TrainingTier, readonly string[]> = {
  basic: ['county', 'zone', 'city'],
  enhanced: ['city'],
  advanced: ['province'],
};

export const TRAINING_FORMATS = ['in_person', 'online', 'site_visit', 'seminar'] as const;
export type TrainingFormat = (typeof TRAINING_FORMATS)[number];
export const TRAINING_FORMAT_LABELS: Record<TrainingFormat, string> = { in_person: '面授', online: '线上', site_visit: '现场教学', seminar: '交流研讨' };

export const ENROLMENT_STATUSES = ['enrolled', 'waitlisted', 'cancelled'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];
export const ENROLMENT_STATUS_LABELS: Record<EnrolmentStatus, string> = { enrolled: '已报名', waitlisted: '候补', cancelled: '已取消' };

/**
 * Policy 四: 同等条件下，（规上企业）首席质量官享有参加质量继续教育的优先待遇. When a class is full, the waiting list
 * is promoted in this order, first come first served within a rank: officers with an active (filed) appointment at
 * a 规上 enterprise, then other officers with a filed appointment, then everyone else (candidates not yet filed).
 * The rank is computed in SQL (`priorityRank` in modules/training/priority.ts).
 */
export type EnrolmentPriority = 0 | 1 | 2;
export const ENROLMENT_PRIORITY_LABELS: Record<EnrolmentPriority, string> = { 0: '优先（规上企业在任首席质量官）', 1: '优先（在任首席质量官）', 2: '一般' };
export const WAITLIST_RULE =
  '候补按优先顺序转正：规上企业在任（已备案）首席质量官优先，其次其他在任首席质量官，再次其他人员；同一顺序内按报名先后（依据苏质委办〔2020〕9号“四、岗位基本待遇”）。';

export const ATTENDANCE_STATUSES = ['present', 'late', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const ATTENDANCE_STATUS_LABELS: Record<AttendanceStatus, string> = { present: '出勤', late: '迟到', absent: '缺勤' };

export type ClassStatus = 'open' | 'cancelled';

/** Sign-in opens this many minutes before a session starts. */
export const SIGN_IN_OPENS_BEFORE_MINUTES = 30;

export type EnrolmentRefusal =
  | { reason: 'cancelled'; message: string }
  | { reason: 'closed'; message: string }
  | { reason: 'duplicate'; message: string }
  | { reason: 'prerequisite'; message: string };

export interface EnrolmentCheck {
  tier: TrainingTier;
  classStatus: ClassStatus;
  waivePrerequisite: boolean;
  /** YYYY-MM-DD, or null: enrolment stays open until the first session starts */
  enrolDeadline: string | null;
  firstSessionStartsAt: Date | null;
  /** tiers in which the person holds a valid (not revoked, not expired) training certificate */
  heldTiers: ReadonlySet<TrainingTier>;
  /** the person already holds an enrolment (enrolled or on the waiting list) in this class */
  alreadyEnrolled: boolean;
  enrolledCount: number;
  capacity: number;
  now: Date;
  /** YYYY-MM-DD in China */
  today: string;
}

/** Whether a person may enrol in a class, and whether they get a seat or a place on the waiting list. */
export function checkEnrolment(c: EnrolmentCheck): { ok: true; status: 'enrolled' | 'waitlisted' } | ({ ok: false } & EnrolmentRefusal) {
  if (c.classStatus === 'cancelled') return { ok: false, reason: 'cancelled', message: '该培训班已取消' };
  if (c.enrolDeadline !== null && c.today > c.enrolDeadline) return { ok: false, reason: 'closed', message: `报名已于 ${c.enrolDeadline} 截止` };
  if (c.firstSessionStartsAt !== null && c.now.getTime() >= c.firstSessionStartsAt.getTime())
    return { ok: false, reason: 'closed', message: '培训已开始，报名已截止' };
  if (c.alreadyEnrolled) return { ok: false, reason: 'duplicate', message: '已报名该培训班' };
  const needs = TIER_PREREQUISITE[c.tier];
  if (needs && !c.waivePrerequisite && !c.heldTiers.has(needs)) {
    return { ok: false, reason: 'prerequisite', message: `报名${TRAINING_TIER_LABELS[c.tier]}培训须持有有效的${TRAINING_TIER_LABELS[needs]}培训合格证` };
  }
  return { ok: true, status: c.enrolledCount < c.capacity ? 'enrolled' : 'waitlisted' };
}

/** Whether a sign-in at `at` falls in the session's window, and if so present or late. */
export function signInStatus(
  session: { startsAt: Date; endsAt: Date; lateAfterMinutes: number },
  at: Date,
): { ok: true; status: 'present' | 'late' } | { ok: false; message: string } {
  const t = at.getTime();
  if (t < session.startsAt.getTime() - SIGN_IN_OPENS_BEFORE_MINUTES * 60_000)
    return { ok: false, message: `签到尚未开始（开课前 ${String(SIGN_IN_OPENS_BEFORE_MINUTES)} 分钟开放）` };
  if (t > session.endsAt.getTime()) return { ok: false, message: '本场培训已结束，签到已关闭' };
  return { ok: true, status: t <= session.startsAt.getTime() + session.lateAfterMinutes * 60_000 ? 'present' : 'late' };
}

export interface CompletionInput {
  sessionCount: number;
  /** sessions marked present or late */
  attendedCount: number;
  /** required share of sessions attended, in percent */
  minAttendancePercent: number;
  passMark: number;
  score: number | null;
  makeupScore: number | null;
  /** Set while the class's last session has not ended: why no pass decision can be made yet. */
  notYetOver?: string | null;
}

export interface Completion {
  attendancePercent: number;
  attendanceOk: boolean;
  /** the score that counts: the make-up score when the first attempt failed */
  finalScore: number | null;
  passed: boolean;
  complete: boolean;
  /** what is missing, in Chinese; empty when complete */
  missing: string[];
}

/** A class is completed when attendance reaches the class's share and the assessment (or its make-up) is passed. */
export function evaluateCompletion(c: CompletionInput): Completion {
  const attendancePercent = c.sessionCount === 0 ? 0 : Math.round((c.attendedCount / c.sessionCount) * 1000) / 10;
  const attendanceOk = c.sessionCount > 0 && attendancePercent >= c.minAttendancePercent;
  const firstPassed = c.score !== null && c.score >= c.passMark;
  const finalScore = firstPassed ? c.score : (c.makeupScore ?? c.score);
  const passed = finalScore !== null && finalScore >= c.passMark;
  const missing: string[] = [];
  if (!attendanceOk) missing.push(`出勤率 ${String(attendancePercent)}%，未达到 ${String(c.minAttendancePercent)}%`);
  if (finalScore === null) missing.push('尚无考核成绩');
  else if (!passed) missing.push(`考核成绩 ${String(finalScore)} 分，未达到合格线 ${String(c.passMark)} 分`);
  if (c.notYetOver) missing.unshift(c.notYetOver);
  return { attendancePercent, attendanceOk, finalScore, passed, complete: attendanceOk && passed && !c.notYetOver, missing };
}

/** The satisfaction items of the effect-evaluation survey, each rated 1–5. */
export const SURVEY_ITEMS = {
  content: '课程内容',
  instructors: '师资水平',
  organisation: '组织管理',
  venue: '场地与平台',
  usefulness: '对工作的帮助',
} as const;
export type SurveyItem = keyof typeof SURVEY_ITEMS;
export const SURVEY_ITEM_KEYS = Object.keys(SURVEY_ITEMS) as SurveyItem[];

export interface QuizQuestion {
  question: string;
  options: string[];
  /** index of the correct option */
  answer: number;
}

/** Quiz score in percent (0–100, whole number) for the answers given. */
export function quizScore(questions: readonly QuizQuestion[], answers: readonly number[]): number {
  if (questions.length === 0) return 0;
  const right = questions.filter((q, i) => answers[i] === q.answer).length;
  return Math.round((right / questions.length) * 100);
}

/** Mean of 1–5 ratings to one decimal, or null with none. */
export function meanRating(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;
}

/** Satisfaction as a share of ratings of 4 or 5, in percent. */
export function satisfiedPercent(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return Math.round((values.filter((v) => v >= 4).length / values.length) * 1000) / 10;
}

/** Study minutes credited for a class: its 学时 times the minutes per 学时. */
export const classStudyMinutes = (hours: number, minutesPerHour: number): number => Math.round(hours * minutesPerHour);

/** The study-ledger basis of a class, shared with the self-study module (`source = 'training'`). */
export const trainingLedgerRef = (classId: number): string => `training_class:${String(classId)}`;

/** The columns of the Excel score template and import (报名编号 is the key of a row). */
export const SCORE_FILE_HEADERS = {
  serial: '序号',
  key: '报名编号',
  name: '姓名',
  enterprise: '所在企业',
  score: '考核成绩',
  makeupScore: '补考成绩',
  remark: '备注',
} as const;
/** The column named by the path `rows.<row>.<field>` of a refused score import. */
export const SCORE_IMPORT_FIELD_COLUMNS: Record<string, string> = {
  enrolmentId: SCORE_FILE_HEADERS.key,
  name: SCORE_FILE_HEADERS.name,
  score: SCORE_FILE_HEADERS.score,
  makeupScore: SCORE_FILE_HEADERS.makeupScore,
};

/** The one message for a score outside 0–100 (request schema, manual entry and Excel import). */
export const SCORE_RANGE_MESSAGE = '成绩应在 0–100 之间';

export interface ScoreProblem {
  field: 'enrolmentId' | 'score' | 'makeupScore';
  reason: string;
}

/**
 * The rules on recording an assessment (考核成绩) and make-up (补考成绩) score for one enrolment, shared by
 * the scores form and the Excel import: only an enrolled (正式报名) learner of the class takes scores; a score
 * is 0–100; a make-up score needs a first score below the class's pass mark. `undefined` leaves a value as it
 * is (the first score then is the stored one); `null` clears it. Returns every problem, none when fine.
 */
export function checkScoreEntry(
  enrolment: { status: string; score: number | null } | undefined,
  entry: { score?: number | null | undefined; makeupScore?: number | null | undefined },
  passMark: number,
): ScoreProblem[] {
  if (!enrolment || enrolment.status !== 'enrolled') return [{ field: 'enrolmentId', reason: '不是本班正式报名学员' }];
  const problems: ScoreProblem[] = [];
  const outOfRange = (v: number | null | undefined) => v !== undefined && v !== null && !(Number.isFinite(v) && v >= 0 && v <= 100);
  if (outOfRange(entry.score)) problems.push({ field: 'score', reason: SCORE_RANGE_MESSAGE });
  if (outOfRange(entry.makeupScore)) problems.push({ field: 'makeupScore', reason: SCORE_RANGE_MESSAGE });
  else if (entry.makeupScore !== undefined && entry.makeupScore !== null) {
    const score = entry.score === undefined ? enrolment.score : entry.score;
    if (score === null) problems.push({ field: 'makeupScore', reason: '尚无首次考核成绩，不能录入补考成绩' });
    else if (score >= passMark) problems.push({ field: 'makeupScore', reason: '首次考核已合格，无需补考' });
  }
  return problems;
}
