import { describe, expect, it } from 'vitest';
import {
  checkEnrolment,
  classStudyMinutes,
  evaluateCompletion,
  meanRating,
  quizScore,
  satisfiedPercent,
  signInStatus,
  trainingLedgerRef,
  type EnrolmentCheck,
} from './training';

const now = new Date('2026-05-10T02:00:00Z');
const base: EnrolmentCheck = {
  tier: 'basic',
  classStatus: 'open',
  waivePrerequisite: false,
  enrolDeadline: null,
  firstSessionStartsAt: new Date('2026-05-20T01:00:00Z'),
  heldTiers: new Set(),
  alreadyEnrolled: false,
  enrolledCount: 0,
  capacity: 2,
  now,
  today: '2026-05-10',
};

describe('enrolment rules', () => {
  it('gives a seat while there is room and the waiting list once full', () => {
    expect(checkEnrolment(base)).toEqual({ ok: true, status: 'enrolled' });
    expect(checkEnrolment({ ...base, enrolledCount: 2 })).toEqual({ ok: true, status: 'waitlisted' });
  });
  it('requires a valid 基础 certificate for 提升 and 提升 for 高级, unless waived', () => {
    expect(checkEnrolment({ ...base, tier: 'enhanced' })).toMatchObject({
      ok: false,
      reason: 'prerequisite',
      message: '报名提升培训须持有有效的基础培训合格证',
    });
    expect(checkEnrolment({ ...base, tier: 'enhanced', heldTiers: new Set(['basic']) })).toMatchObject({ ok: true });
    expect(checkEnrolment({ ...base, tier: 'advanced', heldTiers: new Set(['basic']) })).toMatchObject({ ok: false, reason: 'prerequisite' });
    expect(checkEnrolment({ ...base, tier: 'advanced', heldTiers: new Set(['enhanced']) })).toMatchObject({ ok: true });
    expect(checkEnrolment({ ...base, tier: 'advanced', waivePrerequisite: true })).toMatchObject({ ok: true });
  });
  it('refuses cancelled classes, closed enrolment, started classes and duplicates', () => {
    expect(checkEnrolment({ ...base, classStatus: 'cancelled' })).toMatchObject({ ok: false, reason: 'cancelled' });
    expect(checkEnrolment({ ...base, enrolDeadline: '2026-05-09' })).toMatchObject({ ok: false, reason: 'closed' });
    expect(checkEnrolment({ ...base, enrolDeadline: '2026-05-10' })).toMatchObject({ ok: true });
    expect(checkEnrolment({ ...base, firstSessionStartsAt: now })).toMatchObject({ ok: false, reason: 'closed' });
    expect(checkEnrolment({ ...base, alreadyEnrolled: true })).toMatchObject({ ok: false, reason: 'duplicate' });
  });
});

describe('sign-in window', () => {
  const session = { startsAt: new Date('2026-05-20T01:00:00Z'), endsAt: new Date('2026-05-20T09:00:00Z'), lateAfterMinutes: 15 };
  const at = (iso: string) => signInStatus(session, new Date(iso));
  it('opens 30 minutes before the start, is late after the grace and closes at the end', () => {
    expect(at('2026-05-20T00:29:00Z')).toMatchObject({ ok: false });
    expect(at('2026-05-20T00:30:00Z')).toEqual({ ok: true, status: 'present' });
    expect(at('2026-05-20T01:15:00Z')).toEqual({ ok: true, status: 'present' });
    expect(at('2026-05-20T01:15:01Z')).toEqual({ ok: true, status: 'late' });
    expect(at('2026-05-20T09:00:00Z')).toEqual({ ok: true, status: 'late' });
    expect(at('2026-05-20T09:00:01Z')).toMatchObject({ ok: false, message: '本场培训已结束，签到已关闭' });
  });
});

describe('completion', () => {
  const c = { sessionCount: 4, attendedCount: 4, minAttendancePercent: 80, passMark: 60, score: 75, makeupScore: null };
  it('needs the attendance share and a passed assessment', () => {
    expect(evaluateCompletion(c)).toMatchObject({ complete: true, attendancePercent: 100, finalScore: 75, missing: [] });
    expect(evaluateCompletion({ ...c, attendedCount: 3 })).toMatchObject({
      complete: false,
      attendanceOk: false,
      attendancePercent: 75,
      missing: ['出勤率 75%，未达到 80%'],
    });
    expect(evaluateCompletion({ ...c, score: null })).toMatchObject({ complete: false, missing: ['尚无考核成绩'] });
    expect(evaluateCompletion({ ...c, score: 59.5 })).toMatchObject({ complete: false, passed: false, missing: ['考核成绩 59.5 分，未达到合格线 60 分'] });
    expect(evaluateCompletion({ ...c, sessionCount: 0, attendedCount: 0 })).toMatchObject({ complete: false, attendanceOk: false });
  });
  it('counts a passed make-up assessment, and a make-up never lowers a passed first score', () => {
    expect(evaluateCompletion({ ...c, score: 40, makeupScore: 66 })).toMatchObject({ complete: true, finalScore: 66 });
    expect(evaluateCompletion({ ...c, score: 40, makeupScore: 50 })).toMatchObject({ complete: false, finalScore: 50 });
    expect(evaluateCompletion({ ...c, score: 80, makeupScore: 50 })).toMatchObject({ complete: true, finalScore: 80 });
  });
  it('exactly at the share passes', () => {
    expect(evaluateCompletion({ ...c, sessionCount: 5, attendedCount: 4 })).toMatchObject({ attendancePercent: 80, attendanceOk: true });
  });
});

describe('survey and ledger helpers', () => {
  it('scores quizzes, averages ratings and computes the satisfied share', () => {
    const quiz = [
      { question: 'a', options: ['x', 'y'], answer: 1 },
      { question: 'b', options: ['x', 'y'], answer: 0 },
      { question: 'c', options: ['x', 'y', 'z'], answer: 2 },
    ];
    expect(quizScore(quiz, [1, 0, 2])).toBe(100);
    expect(quizScore(quiz, [1, 1, 0])).toBe(33);
    expect(quizScore([], [])).toBe(0);
    expect(meanRating([5, 4, 4])).toBe(4.3);
    expect(meanRating([])).toBeNull();
    expect(satisfiedPercent([5, 4, 3, 2])).toBe(50);
  });
  it('credits class hours in minutes under one basis per class', () => {
    expect(classStudyMinutes(16, 45)).toBe(720);
    expect(classStudyMinutes(1.5, 45)).toBe(68);
    expect(trainingLedgerRef(12)).toBe('training_class:12');
  });
});
