/**
 * Training results only after training (pure rules): scores, pass decisions and certificates open when the
 * class's last session has ended; attendance corrections when the session has started. Times shown as
 * China time (UTC+8), `YYYY-MM-DD HH:mm`.
 */

/** `2026-10-20T09:30:00Z` → `2026-10-20 17:30` (China time). */
export function chinaMinute(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export type ResultKind = 'scores' | 'certificates' | 'completion';

const VERB: Record<ResultKind, string> = { scores: '录入成绩', certificates: '发放合格证', completion: '结业' };

/** Are results of a class with this last session end open at `now`? The refusal names the moment they open. */
export function resultsOpen(
  lastSessionEndsAt: Date | null,
  now: Date,
  kind: ResultKind,
): { ok: true } | { ok: false; message: string; opensAt: string | null } {
  if (!lastSessionEndsAt) return { ok: false, message: `该培训班尚未安排课程，不能${VERB[kind]}`, opensAt: null };
  if (now.getTime() >= lastSessionEndsAt.getTime()) return { ok: true };
  const opensAt = chinaMinute(lastSessionEndsAt);
  return { ok: false, message: `该培训班最后一次课程结束后（${opensAt}）方可${VERB[kind]}`, opensAt };
}

/** May attendance of a session be recorded at `now` by a trainer's correction? Only once the session has started. */
export function attendanceOpen(sessionStartsAt: Date, now: Date): { ok: true } | { ok: false; message: string } {
  if (now.getTime() >= sessionStartsAt.getTime()) return { ok: true };
  return { ok: false, message: `该课次开始后（${chinaMinute(sessionStartsAt)}）方可登记考勤` };
}
