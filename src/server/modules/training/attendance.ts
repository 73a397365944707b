import { issueRotatingToken, verifyRotatingToken } from '../../../domain/rotating-token';
import { SIGN_IN_OPENS_BEFORE_MINUTES, signInStatus } from '../../../domain/training';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import { clock } from '../../clock';
import type { CryptoService } from '../../crypto/index';
import type { Database } from '../../db/database';
import { forbidden, invalid, notFound, stateError } from '../../errors';
import { classFor } from './access';
import { assertSessionStarted } from './timing';
import { findPersonOfAccount } from '../../persons/repository';

export const SIGN_IN_PURPOSE = 'training-attendance';

/** Attendance: the rotating QR sign-in code, the officer's sign-in, and the trainer's corrections. */
export class TrainingAttendance {
  constructor(
    private readonly db: Database,
    private readonly crypto: CryptoService,
    private readonly publicUrl: string,
  ) {}

  /**
   * The sign-in state of a session for the trainer's screen and, while sign-in is open (from 30 minutes before the
   * start to the end), the current code: a signed token that changes every 30 s. Before and after, no code at all:
   * a screen left on days ahead shows 未开始, not a live code.
   */
  async signInCode(caller: SessionAccount, sessionId: number, now = clock.nowMs()) {
    const s = await this.db.selectFrom('training_sessions').selectAll().where('id', '=', sessionId).executeTakeFirst();
    if (!s) throw notFound('课次');
    const c = await classFor(this.db, caller, s.class_id, 'deliver');
    if (c.status === 'cancelled') throw stateError('该培训班已取消');
    const opensAt = new Date(new Date(s.starts_at).getTime() - SIGN_IN_OPENS_BEFORE_MINUTES * 60_000);
    const state = now < opensAt.getTime() ? 'not_started' : now > new Date(s.ends_at).getTime() ? 'ended' : 'open';
    const issued = state === 'open' ? issueRotatingToken(this.crypto.macKey(SIGN_IN_PURPOSE), SIGN_IN_PURPOSE, `s${String(sessionId)}`, now) : null;
    const signedIn = Number(
      (
        await this.db
          .selectFrom('training_attendance')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('session_id', '=', sessionId)
          .where('status', 'in', ['present', 'late'])
          .executeTakeFirstOrThrow()
      ).n,
    );
    const enrolled = Number(
      (
        await this.db
          .selectFrom('training_enrolments')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('class_id', '=', c.id)
          .where('status', '=', 'enrolled')
          .executeTakeFirstOrThrow()
      ).n,
    );
    return {
      state: state as 'not_started' | 'open' | 'ended',
      opensAt,
      token: issued?.token ?? null,
      url: issued ? `${this.publicUrl}/training/sign-in?t=${encodeURIComponent(issued.token)}` : null,
      expiresAt: issued ? new Date(issued.expiresAtMs) : null,
      className: c.name,
      sessionTitle: s.title,
      startsAt: s.starts_at,
      endsAt: s.ends_at,
      signedIn,
      enrolled,
    };
  }

  /** An officer's sign-in by scanning the code: the token must be genuine and current, the officer enrolled, the session open. */
  async signIn(caller: SessionAccount, actor: Actor, token: string, now = clock.now()) {
    if (caller.role !== 'officer') throw forbidden('请使用首席质量官账户扫码签到');
    const check = verifyRotatingToken(this.crypto.macKey(SIGN_IN_PURPOSE), SIGN_IN_PURPOSE, token, now.getTime());
    if (!check.ok) {
      throw invalid('token', check.reason === 'expired' ? '签到二维码已过期，请扫描屏幕上的最新二维码' : '签到二维码无效');
    }
    const sessionId = Number(check.subject.replace(/^s/, ''));
    return this.db.transaction().execute(async (trx) => {
      const s = await trx.selectFrom('training_sessions').selectAll().where('id', '=', sessionId).executeTakeFirst();
      if (!s) throw invalid('token', '签到二维码无效');
      const personId = (await findPersonOfAccount(trx, caller.accountId))?.id ?? null;
      const c = await trx.selectFrom('training_classes').select(['id', 'name', 'status']).where('id', '=', s.class_id).executeTakeFirstOrThrow();
      const e =
        personId === null
          ? undefined
          : await trx
              .selectFrom('training_enrolments')
              .select(['id', 'status'])
              .where('class_id', '=', c.id)
              .where('person_id', '=', personId)
              .executeTakeFirst();
      if (!e || e.status !== 'enrolled') throw stateError(`您未报名“${c.name}”或仍在候补，不能签到`);
      const base = { classId: c.id, className: c.name, sessionTitle: s.title };
      const existing = await trx
        .selectFrom('training_attendance')
        .select(['status', 'signed_in_at'])
        .where('session_id', '=', sessionId)
        .where('enrolment_id', '=', e.id)
        .executeTakeFirst();
      if (existing && existing.status !== 'absent') return { ...base, status: existing.status, signedInAt: existing.signed_in_at ?? now, already: true };
      const window = signInStatus({ startsAt: s.starts_at, endsAt: s.ends_at, lateAfterMinutes: s.late_after_minutes }, now);
      if (!window.ok) throw stateError(window.message);
      await trx
        .insertInto('training_attendance')
        .values({ session_id: sessionId, enrolment_id: e.id, status: window.status, method: 'qr', signed_in_at: now, recorded_by: caller.accountId })
        .onConflict((oc) =>
          oc
            .columns(['session_id', 'enrolment_id'])
            .doUpdateSet({ status: window.status, method: 'qr', signed_in_at: now, recorded_by: caller.accountId, correction_reason: null, updated_at: now }),
        )
        .execute();
      await recordAudit(trx, actor, {
        action: 'training.sign_in',
        targetType: 'training_session',
        targetId: sessionId,
        details: { enrolmentId: e.id, status: window.status },
      });
      return { ...base, status: window.status, signedInAt: now, already: false };
    });
  }

  /** A trainer's correction of one person's attendance at one session, with the reason, audited with before and after. */
  async correct(caller: SessionAccount, actor: Actor, sessionId: number, enrolmentId: number, status: 'present' | 'late' | 'absent', reason: string) {
    await this.db.transaction().execute(async (trx) => {
      const s = await trx.selectFrom('training_sessions').select(['id', 'class_id', 'starts_at']).where('id', '=', sessionId).executeTakeFirst();
      if (!s) throw notFound('课次');
      await classFor(trx, caller, s.class_id, 'deliver');
      assertSessionStarted(s.starts_at);
      const e = await trx
        .selectFrom('training_enrolments')
        .select(['id', 'status'])
        .where('id', '=', enrolmentId)
        .where('class_id', '=', s.class_id)
        .executeTakeFirst();
      if (!e) throw notFound('报名记录');
      if (e.status !== 'enrolled') throw stateError('只能更正正式报名学员的考勤');
      const before = await trx
        .selectFrom('training_attendance')
        .select('status')
        .where('session_id', '=', sessionId)
        .where('enrolment_id', '=', enrolmentId)
        .executeTakeFirst();
      const now = clock.now();
      await trx
        .insertInto('training_attendance')
        .values({
          session_id: sessionId,
          enrolment_id: enrolmentId,
          status,
          method: 'manual',
          signed_in_at: null,
          correction_reason: reason,
          recorded_by: caller.accountId,
        })
        .onConflict((oc) =>
          oc
            .columns(['session_id', 'enrolment_id'])
            .doUpdateSet({ status, method: 'manual', correction_reason: reason, recorded_by: caller.accountId, updated_at: now }),
        )
        .execute();
      await recordAudit(trx, actor, {
        action: 'training.attendance.correct',
        targetType: 'training_session',
        targetId: sessionId,
        details: { enrolmentId, from: before?.status ?? null, to: status, reason },
      });
    });
  }
}
