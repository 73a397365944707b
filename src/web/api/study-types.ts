/** Shapes of the self-study API (src/server/modules/study). */
import type { CourseLevel, LessonKind, StudyPace } from '../../domain/study-time';
import type { StudySource } from '../../domain/study-hours';

export interface Course {
  id: number;
  version: number;
  title: string;
  summary: string;
  level: CourseLevel;
  required: boolean;
  creditHours: number;
  tags: string[];
  status: 'draft' | 'published' | 'withdrawn';
  orgUnitName: string;
  lessonCount: number;
  durationSeconds: number;
  publishedAt: string | null;
  completedLessons?: number;
  creditedSeconds?: number;
}

export interface Lesson {
  id: number;
  sort: number;
  title: string;
  kind: LessonKind;
  durationSeconds: number;
  hasMedia: boolean;
  pageCount: number | null;
  hasQuiz: boolean;
  status: 'not_started' | 'in_progress' | 'completed';
  creditedSeconds: number;
  requiredSeconds: number;
  bestScore: number | null;
  /** bureaus only: officers who have opened the lesson */
  learners?: number;
}

/** A lesson as its editor sees it (GET /api/study/manage/lessons/:id): the quiz with its answers. */
export interface LessonForEdit {
  id: number;
  courseId: number;
  sort: number;
  title: string;
  kind: LessonKind;
  durationSeconds: number;
  readingMinutes: number | null;
  hasMedia: boolean;
  quiz: { passScore: number; questions: { text: string; options: string[]; answer: number[] }[] } | null;
  learners: number;
  /** why only the title and the quiz wording may change; null: everything but the kind may */
  lockedBecause: string | null;
  /** why the lesson cannot be deleted; null: it can */
  deleteRefusal: string | null;
}

export interface CourseDetail extends Course {
  lessons: Lesson[];
}

export interface StudySession {
  sessionId: number;
  lessonId: number;
  courseId: number;
  kind: LessonKind;
  title: string;
  durationSeconds: number;
  requiredSeconds: number;
  creditedSeconds: number;
  resumePosition: number;
  completed: boolean;
  heartbeatSeconds: number;
  maxPlaybackRate: number;
  pageCount: number | null;
  mediaUrl: string | null;
  quiz: { passScore: number; questions: { text: string; options: string[]; multiple: boolean }[] } | null;
}

export interface HeartbeatResult {
  accepted: boolean;
  creditSeconds: number;
  reason: string;
  message: string | null;
  lessonCreditedSeconds: number;
  serverTime: number;
}

export interface AttemptResult {
  score: number;
  passed: boolean;
  correct: boolean[];
  creditedMinutes: number;
}

export interface StudyAccount {
  year: number;
  targetHours: number;
  minutesPerHour: number;
  onlineSources: StudySource[];
  onlineMinutes: number;
  onlineHours: number;
  otherMinutes: number;
  otherHours: number;
  totalMinutes: number;
  hours: number;
  /** the pace of online self-study against the target */
  pace: StudyPace;
  bySource: { source: StudySource; label: string; minutes: number; hours: number; online: boolean }[];
  lines: { id: number; source: StudySource; sourceLabel: string; online: boolean; title: string; minutes: number; occurredOn: string; status: 'credited' | 'revoked'; statusReason: string | null }[];
  years: number[];
}

export interface Transcript {
  id: number;
  serial: string;
  year: number;
  status: 'valid' | 'ended' | 'revoked';
  issuedAt: string;
}

export interface PaceGroup {
  id: number;
  name: string;
  officers: number;
  done: number;
  onTrack: number;
  behind: number;
  shareOnTrack: number;
}

export interface StudyOverview {
  year: number;
  targetHours: number;
  totals: PaceGroup;
  byRegion: PaceGroup[];
  byEnterprise: PaceGroup[];
  behind: { personId: number; name: string; enterpriseName: string; orgUnitName: string; minutes: number; hours: number; onlineMinutes: number; onlineHours: number; pace: StudyPace }[];
}

export interface StudySettings {
  version: number;
  minutesPerHour: number;
  annualTargetHours: number;
  targetHoursByYear: Record<string, number>;
  reminders: { month: number; day: number; belowHours: number }[];
  /** years before it are closed (policy 八): their targets are shown, not edited */
  firstOpenYear: number;
}

export interface StudyClaim {
  id: number;
  source: 'offline' | 'government_work';
  title: string;
  occurred_on: string;
  minutes: number;
  status: 'pending' | 'approved' | 'rejected';
  decision_reason: string | null;
  created_at: string;
  personName?: string;
}

export interface OnlineStudyRules {
  sources: { source: StudySource; label: string }[];
  rules: { year: number; sources: StudySource[]; note: string | null; version: number; updatedAt: string; closedReason: string | null }[];
  firstOpenYear: number;
}
