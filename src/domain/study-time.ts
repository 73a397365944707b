/**
 * Tracked study time (自学计时): the rules that decide how many seconds a heartbeat earns. The server measures
 * time with its own clock; the client only says which study session it is in, a sequence number, the player
 * position, whether the page is visible and the media playing (or, for a document, whether the reader scrolled).
 * Everything here is pure, so every rule (and every way of gaming it) is unit-tested in study-time.test.ts.
 */

export const LESSON_KINDS = ['video', 'document', 'quiz'] as const;
export type LessonKind = (typeof LESSON_KINDS)[number];
export const LESSON_KIND_LABELS: Record<LessonKind, string> = { video: '视频', document: '文档', quiz: '测验' };

export const COURSE_LEVELS = ['basic', 'enhanced', 'advanced'] as const;
export type CourseLevel = (typeof COURSE_LEVELS)[number];
export const COURSE_LEVEL_LABELS: Record<CourseLevel, string> = { basic: '基础', enhanced: '提升', advanced: '高级' };

export interface StudyTimePolicy {
  /** the player sends a heartbeat at least this often while playing (seconds) */
  heartbeatSeconds: number;
  /** the most one accepted heartbeat can earn, whatever time has passed since the previous one */
  maxCreditPerBeatSeconds: number;
  /** fastest playback rate the player allows; the position may not advance faster than this (plus tolerance) */
  maxPlaybackRate: number;
  /** seconds of position drift forgiven per beat (buffering, timer jitter) */
  positionToleranceSeconds: number;
}

/** The production heartbeat interval (seconds). */
export const DEFAULT_HEARTBEAT_SECONDS = 20;
/** A late beat is forgiven this many seconds beyond one interval before its excess time is dropped. */
const LATE_BEAT_SLACK_SECONDS = 15;

/**
 * The policy for a heartbeat interval. Only the interval and the per-beat cap (one interval plus the same slack)
 * depend on it: a beat still earns at most the server time elapsed since the previous one, so a shorter interval
 * (CQO_STUDY_HEARTBEAT_SECONDS, outside production only) changes how often the player reports, not what is credited.
 */
export function studyTimePolicy(heartbeatSeconds: number = DEFAULT_HEARTBEAT_SECONDS): StudyTimePolicy {
  return {
    heartbeatSeconds,
    maxCreditPerBeatSeconds: heartbeatSeconds + LATE_BEAT_SLACK_SECONDS,
    maxPlaybackRate: 1.5,
    positionToleranceSeconds: 3,
  };
}

export const DEFAULT_STUDY_TIME_POLICY: StudyTimePolicy = studyTimePolicy();

/** What the server keeps about one study session (one opened lesson in one tab). */
export interface StudySessionState {
  kind: LessonKind;
  /** the lesson's length (video) or set reading time (document), seconds */
  durationSeconds: number;
  /** seconds this person had earned on this lesson before the session opened */
  creditedBeforeSeconds: number;
  /** seconds earned in this session */
  creditedSeconds: number;
  /** server time (ms) of the session opening or of the last accepted heartbeat */
  lastBeatAtMs: number;
  lastSeq: number;
  lastPosition: number;
  /** a completed lesson earns no further time (rewatching is for review) */
  lessonCompleted: boolean;
}

/** What the client sends. Nothing here is trusted beyond what the rules check. */
export interface Heartbeat {
  seq: number;
  /** player position (video) or read depth in seconds-equivalent (document) */
  position: number;
  visible: boolean;
  /** video: the media is playing; document: the reader scrolled or touched since the last beat */
  active: boolean;
}

export type HeartbeatVerdict =
  { accepted: true; creditSeconds: number; reason: CreditReason; next: StudySessionState } | { accepted: false; creditSeconds: 0; reason: RefusalReason };

/** Why an accepted beat earned what it did. */
export type CreditReason = 'credited' | 'hidden' | 'paused' | 'skipped' | 'lesson_full' | 'completed' | 'quiz' | 'clock';
/** Why a beat was refused outright (the session state does not change). */
export type RefusalReason = 'superseded' | 'replayed' | 'bad_position';

export const REFUSAL_MESSAGES: Record<RefusalReason, string> = {
  superseded: '您已在其他窗口或设备打开课程，本窗口不再计时',
  replayed: '心跳序号重复或过期，未计时',
  bad_position: '播放位置无效，未计时',
};

/** Seconds a session can still earn on its lesson: never beyond the lesson's duration. */
export function remainingLessonSeconds(s: Pick<StudySessionState, 'durationSeconds' | 'creditedBeforeSeconds' | 'creditedSeconds'>): number {
  return Math.max(0, s.durationSeconds - s.creditedBeforeSeconds - s.creditedSeconds);
}

/**
 * Applies one heartbeat. `nowMs` is the server's clock; `holdsLease` says whether this session is the person's
 * current one (a newer tab or device took the lease: this one earns nothing).
 */
export function applyHeartbeat(
  state: StudySessionState,
  beat: Heartbeat,
  nowMs: number,
  holdsLease: boolean,
  policy: StudyTimePolicy = DEFAULT_STUDY_TIME_POLICY,
): HeartbeatVerdict {
  if (!holdsLease) return { accepted: false, creditSeconds: 0, reason: 'superseded' };
  if (!Number.isInteger(beat.seq) || beat.seq <= state.lastSeq) return { accepted: false, creditSeconds: 0, reason: 'replayed' };
  if (
    !Number.isFinite(beat.position) ||
    beat.position < 0 ||
    (state.durationSeconds > 0 && beat.position > state.durationSeconds + policy.positionToleranceSeconds)
  ) {
    return { accepted: false, creditSeconds: 0, reason: 'bad_position' };
  }
  // server clock only; a clock that went backwards (another node, NTP step) earns nothing and resets the mark
  const elapsedSeconds = Math.floor((nowMs - state.lastBeatAtMs) / 1000);
  const advance = beat.position - state.lastPosition;
  const accept = (creditSeconds: number, reason: CreditReason): HeartbeatVerdict => ({
    accepted: true,
    creditSeconds,
    reason,
    next: {
      ...state,
      creditedSeconds: state.creditedSeconds + creditSeconds,
      // the mark moves only forward, by whole seconds, so sub-second remainders carry to the next beat
      lastBeatAtMs: state.lastBeatAtMs + Math.max(0, elapsedSeconds) * 1000,
      lastSeq: beat.seq,
      lastPosition: beat.position,
    },
  });
  if (elapsedSeconds <= 0) return accept(0, 'clock');
  if (state.kind === 'quiz') return accept(0, 'quiz');
  if (state.lessonCompleted) return accept(0, 'completed');
  if (!beat.visible) return accept(0, 'hidden');
  if (!beat.active) return accept(0, 'paused');
  const interval = Math.min(elapsedSeconds, policy.maxCreditPerBeatSeconds);
  if (state.kind === 'video' && advance > elapsedSeconds * policy.maxPlaybackRate + policy.positionToleranceSeconds) {
    // the position ran ahead of what the allowed playback rate permits: a seek or a forged position
    return accept(0, 'skipped');
  }
  const credit = Math.min(interval, remainingLessonSeconds(state));
  return accept(credit, credit === 0 ? 'lesson_full' : 'credited');
}

/** Time a lesson needs before its quiz opens: the lesson watched (or read) through at the fastest allowed rate. */
export function requiredLessonSeconds(kind: LessonKind, durationSeconds: number, policy: StudyTimePolicy = DEFAULT_STUDY_TIME_POLICY): number {
  if (kind === 'quiz') return 0;
  return Math.floor(durationSeconds / policy.maxPlaybackRate);
}

// ---- quizzes ----

export interface QuizQuestion {
  text: string;
  options: string[];
  /** indexes of the correct options (one: single choice; several: multiple choice) */
  answer: number[];
}

export interface Quiz {
  questions: QuizQuestion[];
  /** percentage needed to pass */
  passScore: number;
}

/** Score (0–100, rounded down) of an attempt: a question counts only when exactly the right options are chosen. */
export function gradeQuiz(quiz: Quiz, answers: readonly (readonly number[])[]): { score: number; passed: boolean; correct: boolean[] } {
  if (quiz.questions.length === 0) return { score: 100, passed: true, correct: [] };
  const correct = quiz.questions.map((q, i) => {
    const given = [...new Set(answers[i] ?? [])].sort((a, b) => a - b);
    const right = [...q.answer].sort((a, b) => a - b);
    return given.length === right.length && given.every((v, j) => v === right[j]);
  });
  const score = Math.floor((correct.filter(Boolean).length * 100) / quiz.questions.length);
  return { score, passed: score >= quiz.passScore, correct };
}

/** What decides a lesson's timing and grading, as stored and as an edit would leave it. */
export interface LessonTerms {
  kind: LessonKind;
  /** documents: the set reading time in minutes; null for videos (their time is the file's) and quizzes */
  readingMinutes: number | null;
  quiz: Quiz | null;
}

export interface LessonChangeRefusal {
  /** the request field that may not change (`kind`, `readingMinutes`, `quiz.passScore`, `quiz.questions.0.answer`…) */
  path: string;
  message: string;
}

/**
 * Which edit of a lesson is refused. The kind never changes (a video's file, a document's reading time and a
 * quiz's questions are different things; add another lesson instead). Once learners depend on the lesson
 * (`lockedBecause` says why: its course is published, or officers have opened it), what decides credited time or
 * grading stays as it is, as in a mature LMS once a quiz has attempts: the reading time, the pass score, whether
 * there is a quiz, the number of questions and options and the correct answers. The title and the wording of
 * questions and options may still be corrected. Returns the first refused change, or null.
 */
export function lessonChangeRefusal(before: LessonTerms, after: LessonTerms, lockedBecause: string | null): LessonChangeRefusal | null {
  if (after.kind !== before.kind) {
    return { path: 'kind', message: `课时类型不能修改（原为${LESSON_KIND_LABELS[before.kind]}）；如需其他类型，请另行添加课时` };
  }
  if (lockedBecause === null) return null;
  const refuse = (path: string, what: string): LessonChangeRefusal => ({
    path,
    message: `${what}不能修改：${lockedBecause}，修改会改变学员的计时或成绩；可以修改课时名称和题目、选项的文字`,
  });
  if (before.kind === 'document' && after.readingMinutes !== before.readingMinutes) return refuse('readingMinutes', '阅读时长');
  const a = before.quiz;
  const b = after.quiz;
  if (a === null || b === null) return a === b ? null : refuse('quiz', '是否设置测验');
  if (a.passScore !== b.passScore) return refuse('quiz.passScore', '及格分');
  if (a.questions.length !== b.questions.length) return refuse('quiz.questions', '测验题目数量');
  for (const [i, q] of a.questions.entries()) {
    const next = b.questions[i];
    if (!next) continue;
    if (next.options.length !== q.options.length) return refuse(`quiz.questions.${i}.options`, `第 ${i + 1} 题的选项数量`);
    const sorted = (x: readonly number[]) => [...new Set(x)].sort((m, n) => m - n).join(',');
    if (sorted(next.answer) !== sorted(q.answer)) return refuse(`quiz.questions.${i}.answer`, `第 ${i + 1} 题的正确答案`);
  }
  return null;
}

// ---- the annual account ----

/** Whole minutes for the ledger from credited seconds; the remainder stays in seconds, so nothing is lost. */
export function secondsToLedgerMinutes(seconds: number): { minutes: number; remainderSeconds: number } {
  const s = Math.max(0, Math.floor(seconds));
  return { minutes: Math.floor(s / 60), remainderSeconds: s % 60 };
}

/** The share of the year passed on `date` (YYYY-MM-DD), 0–1. */
export function yearFraction(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const start = Date.UTC(y, 0, 1);
  const end = Date.UTC(y + 1, 0, 1);
  return Math.min(1, Math.max(0, (Date.UTC(y, m - 1, d) - start + 86_400_000) / (end - start)));
}

export type StudyPace = 'done' | 'on_track' | 'behind';
export const STUDY_PACE_LABELS: Record<StudyPace, string> = { done: '已达标', on_track: '进度正常', behind: '进度落后' };

/**
 * Whether an officer is on track on `date`: done when the year's target is met; on track when the account holds
 * at least the target pro rata to the share of the year passed; behind otherwise. A past year is judged at its end.
 */
export function studyPace(creditedMinutes: number, targetHours: number, minutesPerHour: number, year: number, today: string): StudyPace {
  const targetMinutes = targetHours * minutesPerHour;
  if (creditedMinutes >= targetMinutes) return 'done';
  const todayYear = Number(today.slice(0, 4));
  const fraction = year < todayYear ? 1 : year > todayYear ? 0 : yearFraction(today);
  return creditedMinutes >= Math.floor(targetMinutes * fraction) ? 'on_track' : 'behind';
}

/** The reminder rules due on `date`, each with the minutes below which an officer is reminded. */
export function remindersDue(
  rules: readonly { month: number; day: number; belowHours: number }[],
  date: string,
  minutesPerHour: number,
): { belowMinutes: number; belowHours: number }[] {
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return rules.filter((r) => r.month === m && r.day === d).map((r) => ({ belowHours: r.belowHours, belowMinutes: Math.round(r.belowHours * minutesPerHour) }));
}
