import { describe, expect, it } from 'vitest';
import {
  applyHeartbeat,
  gradeQuiz,
  lessonChangeRefusal,
  remindersDue,
  requiredLessonSeconds,
  secondsToLedgerMinutes,
  studyPace,
  yearFraction,
  type Heartbeat,
  type StudySessionState,
} from './study-time';

const T0 = Date.UTC(2026, 10, 28, 2, 0, 0);
const video = (over: Partial<StudySessionState> = {}): StudySessionState => ({
  kind: 'video',
  durationSeconds: 600,
  creditedBeforeSeconds: 0,
  creditedSeconds: 0,
  lastBeatAtMs: T0,
  lastSeq: 0,
  lastPosition: 0,
  lessonCompleted: false,
  ...over,
});
const beat = (seq: number, position: number, over: Partial<Heartbeat> = {}): Heartbeat => ({ seq, position, visible: true, active: true, ...over });

/** Runs beats in order, each at the given server time, returning the total credit and the final state. */
function run(state: StudySessionState, beats: [number, Heartbeat][], holdsLease = true) {
  let s = state;
  let total = 0;
  for (const [at, b] of beats) {
    const v = applyHeartbeat(s, b, at, holdsLease);
    if (v.accepted) {
      s = v.next;
      total += v.creditSeconds;
    }
  }
  return { total, state: s };
}

describe('heartbeat credit', () => {
  it('credits the server-measured time since the last accepted beat', () => {
    const v = applyHeartbeat(video(), beat(1, 20), T0 + 20_000, true);
    expect(v).toMatchObject({ accepted: true, creditSeconds: 20, reason: 'credited' });
    const { total } = run(video(), [
      [T0 + 20_000, beat(1, 20)],
      [T0 + 40_500, beat(2, 40)],
      [T0 + 60_000, beat(3, 60)],
    ]);
    expect(total).toBe(60);
  });

  it('caps one interval, so a long gap (sleep, lost network) earns at most the cap', () => {
    const v = applyHeartbeat(video(), beat(1, 30), T0 + 3600_000, true);
    expect(v.creditSeconds).toBe(35);
  });

  it('credits nothing for a hidden tab or a paused player, but moves the mark so the time is not claimed later', () => {
    const hidden = applyHeartbeat(video(), beat(1, 0, { visible: false }), T0 + 20_000, true);
    expect(hidden).toMatchObject({ accepted: true, creditSeconds: 0, reason: 'hidden' });
    const paused = applyHeartbeat(video(), beat(1, 0, { active: false }), T0 + 20_000, true);
    expect(paused).toMatchObject({ creditSeconds: 0, reason: 'paused' });
    if (!hidden.accepted) throw new Error('expected acceptance');
    const after = applyHeartbeat(hidden.next, beat(2, 20), T0 + 40_000, true);
    expect(after.creditSeconds).toBe(20);
  });

  it('refuses a replayed beat and an out-of-order one without changing anything', () => {
    const first = applyHeartbeat(video(), beat(5, 20), T0 + 20_000, true);
    if (!first.accepted) throw new Error('expected acceptance');
    expect(applyHeartbeat(first.next, beat(5, 20), T0 + 40_000, true)).toEqual({ accepted: false, creditSeconds: 0, reason: 'replayed' });
    expect(applyHeartbeat(first.next, beat(3, 40), T0 + 40_000, true)).toMatchObject({ accepted: false, reason: 'replayed' });
    expect(applyHeartbeat(first.next, beat(1.5, 40), T0 + 40_000, true)).toMatchObject({ accepted: false, reason: 'replayed' });
  });

  it('gives a burst of forged beats with rising sequence numbers no more than the elapsed time', () => {
    const beats: [number, Heartbeat][] = [];
    for (let i = 1; i <= 100; i++) beats.push([T0 + 20_000, beat(i, 20)]);
    expect(run(video(), beats).total).toBe(20);
  });

  it('ignores the client clock: only server time counts, and a server clock stepping back earns nothing', () => {
    const v = applyHeartbeat(video({ lastBeatAtMs: T0 + 60_000 }), beat(1, 10), T0, true);
    expect(v).toMatchObject({ accepted: true, creditSeconds: 0, reason: 'clock' });
    if (!v.accepted) throw new Error('expected acceptance');
    // the mark did not move back, so the next beat is measured from the later time
    expect(v.next.lastBeatAtMs).toBe(T0 + 60_000);
    expect(applyHeartbeat(v.next, beat(2, 30), T0 + 80_000, true).creditSeconds).toBe(20);
  });

  it('refuses credit when the position runs ahead of the allowed playback rate (seek or forged position)', () => {
    expect(applyHeartbeat(video(), beat(1, 300), T0 + 20_000, true)).toMatchObject({ accepted: true, creditSeconds: 0, reason: 'skipped' });
    // 1.5× playback is allowed: 30 s of position in 20 s
    expect(applyHeartbeat(video(), beat(1, 30), T0 + 20_000, true).creditSeconds).toBe(20);
    expect(applyHeartbeat(video(), beat(1, -1), T0 + 20_000, true)).toMatchObject({ accepted: false, reason: 'bad_position' });
    expect(applyHeartbeat(video(), beat(1, 9999), T0 + 20_000, true)).toMatchObject({ accepted: false, reason: 'bad_position' });
    expect(applyHeartbeat(video(), beat(1, Number.NaN), T0 + 20_000, true)).toMatchObject({ accepted: false, reason: 'bad_position' });
  });

  it('never credits beyond the lesson duration, counting earlier sessions', () => {
    const v = applyHeartbeat(video({ creditedBeforeSeconds: 590 }), beat(1, 20), T0 + 20_000, true);
    expect(v.creditSeconds).toBe(10);
    const full = applyHeartbeat(video({ creditedBeforeSeconds: 600 }), beat(1, 20), T0 + 20_000, true);
    expect(full).toMatchObject({ creditSeconds: 0, reason: 'lesson_full' });
    const beats: [number, Heartbeat][] = [];
    for (let i = 1; i <= 100; i++) beats.push([T0 + i * 20_000, beat(i, Math.min(600, i * 20) % 600)]);
    expect(run(video(), beats).total).toBe(600);
  });

  it('earns nothing on a completed lesson or a quiz page', () => {
    expect(applyHeartbeat(video({ lessonCompleted: true }), beat(1, 20), T0 + 20_000, true)).toMatchObject({ creditSeconds: 0, reason: 'completed' });
    expect(applyHeartbeat(video({ kind: 'quiz', durationSeconds: 0 }), beat(1, 0), T0 + 20_000, true)).toMatchObject({ creditSeconds: 0, reason: 'quiz' });
  });

  it('credits a document only with reading activity', () => {
    const doc = video({ kind: 'document', durationSeconds: 300 });
    expect(applyHeartbeat(doc, beat(1, 0, { active: false }), T0 + 20_000, true).creditSeconds).toBe(0);
    // scrolling to the end at once is fine for a document (no playback rate)
    expect(applyHeartbeat(doc, beat(1, 300), T0 + 20_000, true).creditSeconds).toBe(20);
  });

  it('two tabs of one person: only the lease holder earns, so the time is never counted twice', () => {
    // tab A opened first, tab B took the lease; both send beats every 20 s for 2 minutes
    const a = run(
      video(),
      Array.from({ length: 6 }, (_, i): [number, Heartbeat] => [T0 + (i + 1) * 20_000, beat(i + 1, (i + 1) * 20)]),
      false,
    );
    const b = run(
      video(),
      Array.from({ length: 6 }, (_, i): [number, Heartbeat] => [T0 + (i + 1) * 20_000, beat(i + 1, (i + 1) * 20)]),
      true,
    );
    expect(a.total).toBe(0);
    expect(b.total).toBe(120);
    expect(applyHeartbeat(video(), beat(1, 20), T0 + 20_000, false)).toEqual({ accepted: false, creditSeconds: 0, reason: 'superseded' });
  });

  it('the quiz opens after the lesson has been followed at the fastest allowed rate', () => {
    expect(requiredLessonSeconds('video', 600)).toBe(400);
    expect(requiredLessonSeconds('quiz', 0)).toBe(0);
  });
});

describe('quizzes', () => {
  const quiz = {
    passScore: 60,
    questions: [
      { text: 'a', options: ['x', 'y'], answer: [0] },
      { text: 'b', options: ['x', 'y', 'z'], answer: [0, 2] },
      { text: 'c', options: ['x', 'y'], answer: [1] },
    ],
  };
  it('counts a question only when exactly the right options are chosen', () => {
    expect(gradeQuiz(quiz, [[0], [2, 0], [1]])).toEqual({ score: 100, passed: true, correct: [true, true, true] });
    expect(gradeQuiz(quiz, [[0], [0], [1]])).toMatchObject({ score: 66, passed: true });
    expect(gradeQuiz(quiz, [[0, 1], [0, 1, 2], []])).toMatchObject({ score: 0, passed: false });
    expect(gradeQuiz(quiz, [])).toMatchObject({ score: 0, passed: false });
  });
});

describe('annual account', () => {
  it('rolls seconds into whole minutes and keeps the remainder', () => {
    expect(secondsToLedgerMinutes(119)).toEqual({ minutes: 1, remainderSeconds: 59 });
    expect(secondsToLedgerMinutes(0)).toEqual({ minutes: 0, remainderSeconds: 0 });
  });

  it('judges the pace pro rata to the year', () => {
    expect(yearFraction('2026-12-31')).toBe(1);
    expect(yearFraction('2026-07-02')).toBeCloseTo(0.5, 2);
    // target 50 h × 45 min = 2250 min; half way through the year 1125 min is on track
    expect(studyPace(1200, 50, 45, 2026, '2026-07-02')).toBe('on_track');
    expect(studyPace(1000, 50, 45, 2026, '2026-07-02')).toBe('behind');
    expect(studyPace(2250, 50, 45, 2026, '2026-03-01')).toBe('done');
    expect(studyPace(2000, 50, 45, 2025, '2026-03-01')).toBe('behind');
  });

  it('finds the reminders due on a date', () => {
    const rules = [
      { month: 6, day: 30, belowHours: 20 },
      { month: 9, day: 30, belowHours: 35 },
    ];
    expect(remindersDue(rules, '2026-06-30', 45)).toEqual([{ belowHours: 20, belowMinutes: 900 }]);
    expect(remindersDue(rules, '2026-07-01', 45)).toEqual([]);
  });
});

describe('lessonChangeRefusal', () => {
  const quiz = { passScore: 60, questions: [{ text: '题目一', options: ['甲', '乙', '丙'], answer: [0, 2] }] };
  const doc = { kind: 'document' as const, readingMinutes: 10, quiz };
  const LOCK = '课程已发布';

  it('never lets the kind change, locked or not', () => {
    expect(lessonChangeRefusal(doc, { ...doc, kind: 'video', readingMinutes: null }, null)).toMatchObject({ path: 'kind' });
    expect(lessonChangeRefusal(doc, { ...doc, kind: 'quiz' }, LOCK)?.message).toContain('课时类型不能修改');
  });

  it('allows anything else while nobody depends on the lesson', () => {
    expect(lessonChangeRefusal(doc, { kind: 'document', readingMinutes: 30, quiz: null }, null)).toBeNull();
  });

  it('once locked, allows only the wording of questions and options', () => {
    const reworded = { ...doc, quiz: { passScore: 60, questions: [{ text: '题目一（修订）', options: ['甲方', '乙方', '丙方'], answer: [2, 0] }] } };
    expect(lessonChangeRefusal(doc, reworded, LOCK)).toBeNull();
    const refused = (after: typeof doc) => lessonChangeRefusal(doc, after, LOCK)?.path;
    expect(refused({ ...doc, readingMinutes: 11 })).toBe('readingMinutes');
    expect(refused({ ...doc, quiz: null as unknown as typeof quiz })).toBe('quiz');
    expect(refused({ ...doc, quiz: { ...quiz, passScore: 80 } })).toBe('quiz.passScore');
    expect(refused({ ...doc, quiz: { ...quiz, questions: [...quiz.questions, { text: '题目二', options: ['是', '否'], answer: [0] }] } })).toBe(
      'quiz.questions',
    );
    expect(refused({ ...doc, quiz: { ...quiz, questions: [{ text: '题目一', options: ['甲', '乙'], answer: [0] }] } })).toBe('quiz.questions.0.options');
    expect(refused({ ...doc, quiz: { ...quiz, questions: [{ text: '题目一', options: ['甲', '乙', '丙'], answer: [1] }] } })).toBe('quiz.questions.0.answer');
    expect(lessonChangeRefusal(doc, { ...doc, readingMinutes: 11 }, LOCK)?.message).toBe(
      '阅读时长不能修改：课程已发布，修改会改变学员的计时或成绩；可以修改课时名称和题目、选项的文字',
    );
  });

  it("ignores the reading time of a video (its time is the file's)", () => {
    const video = { kind: 'video' as const, readingMinutes: null, quiz: null };
    expect(lessonChangeRefusal(video, { ...video, readingMinutes: 5 }, LOCK)).toBeNull();
  });
});
