import { describe, expect, it } from 'vitest';
import { attendanceOpen, chinaMinute, resultsOpen } from './training-timing';

describe('training results only after training', () => {
  const end = new Date(Date.UTC(2031, 4, 6, 9, 30));
  it('formats the opening moment in China time', () => {
    expect(chinaMinute(end)).toBe('2031-05-06 17:30');
  });

  it('opens scores, completion and certificates at the end of the last session, naming the moment before', () => {
    expect(resultsOpen(end, new Date(end.getTime() - 60_000), 'scores')).toEqual({
      ok: false,
      message: '该培训班最后一次课程结束后（2031-05-06 17:30）方可录入成绩',
      opensAt: '2031-05-06 17:30',
    });
    expect(resultsOpen(end, new Date(end.getTime() - 1), 'certificates')).toMatchObject({ ok: false, message: expect.stringContaining('方可发放合格证') });
    expect(resultsOpen(end, end, 'scores')).toEqual({ ok: true });
    expect(resultsOpen(null, end, 'completion')).toMatchObject({ ok: false, opensAt: null });
  });

  it('opens attendance corrections at the start of the session', () => {
    expect(attendanceOpen(end, new Date(end.getTime() - 1))).toMatchObject({ ok: false, message: '该课次开始后（2031-05-06 17:30）方可登记考勤' });
    expect(attendanceOpen(end, end)).toEqual({ ok: true });
  });
});
