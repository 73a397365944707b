import { sql, type Kysely } from 'kysely';
import { EVENT_CHECK_IN_PATH, eventCreditMinutes } from '../../../domain/community-cases';
import { DEFAULT_ROTATING_TOKEN_OPTIONS, issueRotatingToken, verifyRotatingToken, type MacKey } from '../../../domain/rotating-token';
import { todayInChina } from '../../../domain/working-days';
import { recordAudit, recordAuditAlone, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import type { DB } from '../../db/types';
import { conflict, forbidden, invalid, notFound, stateError } from '../../errors';
import { communityCreditRule, creditCommunityContribution } from '../community/credit-rule';
import { clock } from '../../clock';
import { eventManagedBy, eventVisibleTo } from './event-access';
import { countStatus, promoteWaitlisted } from './event-seats';
import { requirePersonOfAccount } from '../../persons/repository';

/** The purpose bound into event check-in tokens (the MAC key is `crypto.macKey('event-check-in')`). */
export const EVENT_CHECK_IN_PURPOSE = 'event-check-in';
/** Check-in opens this long before the start and stays open this long after the end. */
const CHECK_IN_OPENS_BEFORE_MS = 60 * 60_000;
const CHECK_IN_CLOSES_AFTER_MS = 30 * 60_000;

const tokenSubject = (eventId: number): string => `ev${String(eventId)}`;
const eventIdOf = (subject: string): number | null => (/^ev\d{1,15}$/.test(subject) ? Number(subject.slice(2)) : null);

/** Officers registering for 交流活动 (a seat or the waiting list), checking in on the day, and the attendance list. */
export class EventRegistrations {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly macKey: MacKey,
  ) {}

  /** Registers an officer: a seat while there is one, else the waiting list. */
  async register(caller: SessionAccount, actor: Actor, id: number): Promise<'registered' | 'waitlisted'> {
    const person = await requirePersonOfAccount(this.db, caller.accountId, () => forbidden('只有首席质量官本人可以报名活动'));
    return this.db.transaction().execute(async (trx) => {
      // an organisation's event takes its members only: to anyone else it does not exist
      const ev = await trx
        .selectFrom('community_events as ev')
        .selectAll('ev')
        .where('ev.id', '=', id)
        .where(eventVisibleTo(caller))
        .forUpdate()
        .executeTakeFirst();
      if (!ev) throw notFound('活动');
      if (ev.status !== 'open') throw stateError('活动已取消，不能报名');
      if (ev.starts_at.getTime() <= clock.nowMs()) throw stateError('活动已开始，报名已截止');
      const existing = await trx
        .selectFrom('community_event_registrations')
        .select(['id', 'status'])
        .where('event_id', '=', id)
        .where('person_id', '=', person.id)
        .executeTakeFirst();
      if (existing && existing.status !== 'cancelled') throw conflict(existing.status === 'registered' ? '您已报名本活动' : '您已在本活动的候补名单中');
      const status = (await countStatus(trx, id, 'registered')) < ev.capacity ? 'registered' : 'waitlisted';
      if (existing) {
        await trx
          .updateTable('community_event_registrations')
          .set({ status, registered_at: clock.now(), cancelled_at: null, account_id: caller.accountId })
          .where('id', '=', existing.id)
          .execute();
      } else {
        await trx.insertInto('community_event_registrations').values({ event_id: id, person_id: person.id, account_id: caller.accountId, status }).execute();
      }
      await recordAudit(trx, actor, { action: 'community_event.register', targetType: 'community_event', targetId: id, details: { status } });
      return status;
    });
  }

  /** Cancels the caller's registration before the start; the first on the waiting list takes the seat. */
  async cancelRegistration(caller: SessionAccount, actor: Actor, id: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const ev = await trx.selectFrom('community_events').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!ev) throw notFound('活动');
      const reg = await trx
        .selectFrom('community_event_registrations')
        .select(['id', 'status'])
        .where('event_id', '=', id)
        .where('account_id', '=', caller.accountId)
        .where('status', 'in', ['registered', 'waitlisted'])
        .executeTakeFirst();
      if (!reg) throw notFound('报名记录');
      if (ev.starts_at.getTime() <= clock.nowMs()) throw stateError('活动已开始，不能取消报名');
      await trx.updateTable('community_event_registrations').set({ status: 'cancelled', cancelled_at: clock.now() }).where('id', '=', reg.id).execute();
      const promoted = reg.status === 'registered' ? await promoteWaitlisted(trx, id, ev.capacity - (await countStatus(trx, id, 'registered')), ev.title) : 0;
      await recordAudit(trx, actor, {
        action: 'community_event.unregister',
        targetType: 'community_event',
        targetId: id,
        details: { was: reg.status, promoted },
      });
    });
  }

  /** The current rotating sign-in token for the organiser's screen, while check-in is open. */
  async checkInToken(caller: SessionAccount, id: number, nowMs = clock.nowMs()) {
    const ev = await this.db.selectFrom('community_events as ev').selectAll('ev').where('ev.id', '=', id).where(eventManagedBy(caller)).executeTakeFirst();
    if (!ev) throw notFound('活动');
    if (ev.status !== 'open') throw stateError('活动已取消');
    assertCheckInOpen(ev, nowMs);
    const issued = issueRotatingToken(this.macKey, EVENT_CHECK_IN_PURPOSE, tokenSubject(id), nowMs);
    return {
      token: issued.token,
      path: `${EVENT_CHECK_IN_PATH}?t=${encodeURIComponent(issued.token)}`,
      expiresAt: new Date(issued.expiresAtMs),
      stepSeconds: DEFAULT_ROTATING_TOKEN_OPTIONS.stepSeconds,
    };
  }

  /**
   * Checks the caller in with a token scanned from the organiser's screen: it must be genuine, current and for
   * an event the caller holds a seat at. Attendance credits study minutes under the province's rule.
   */
  async checkIn(
    caller: SessionAccount,
    actor: Actor,
    token: string,
    nowMs = clock.nowMs(),
  ): Promise<{ eventId: number; title: string; alreadyCheckedIn: boolean; creditedMinutes: number }> {
    const check = verifyRotatingToken(this.macKey, EVENT_CHECK_IN_PURPOSE, token, nowMs);
    if (!check.ok) {
      if (check.reason === 'expired') throw invalid('token', '签到码已过期，请扫描屏幕上最新的二维码');
      throw invalid('token', '签到码无效，请扫描活动现场屏幕上的二维码');
    }
    const eventId = eventIdOf(check.subject);
    if (eventId === null) throw invalid('token', '签到码无效，请扫描活动现场屏幕上的二维码');
    return this.db.transaction().execute(async (trx) => {
      const ev = await trx.selectFrom('community_events').selectAll().where('id', '=', eventId).executeTakeFirst();
      if (!ev) throw notFound('活动');
      if (ev.status !== 'open') throw stateError('活动已取消');
      assertCheckInOpen(ev, nowMs);
      const reg = await trx
        .selectFrom('community_event_registrations')
        .select(['id', 'status', 'checked_in_at', 'person_id'])
        .where('event_id', '=', eventId)
        .where('account_id', '=', caller.accountId)
        .forUpdate()
        .executeTakeFirst();
      if (!reg || reg.status === 'cancelled') throw stateError('您未报名本活动，不能签到');
      if (reg.status === 'waitlisted') throw stateError('您在本活动的候补名单中，尚未获得参加名额，不能签到');
      if (reg.checked_in_at) return { eventId, title: ev.title, alreadyCheckedIn: true, creditedMinutes: 0 };
      await trx
        .updateTable('community_event_registrations')
        .set({ checked_in_at: new Date(nowMs) })
        .where('id', '=', reg.id)
        .execute();
      let creditedMinutes = 0;
      if (ev.credits_study) {
        const rule = await communityCreditRule(trx);
        creditedMinutes = await creditCommunityContribution(trx, rule, {
          personId: reg.person_id,
          sourceRef: `event:${String(eventId)}`,
          title: `交流活动：${ev.title}`,
          occurredOn: todayInChina(ev.starts_at),
          minutes: eventCreditMinutes(rule, ev.starts_at, ev.ends_at),
        });
      }
      await recordAudit(trx, actor, { action: 'community_event.check_in', targetType: 'community_event', targetId: eventId, details: { creditedMinutes } });
      return { eventId, title: ev.title, alreadyCheckedIn: false, creditedMinutes };
    });
  }

  /** Registrations of a managed event with names and enterprises, for the organiser and the export. */
  async attendance(caller: SessionAccount, id: number) {
    const ev = await this.db
      .selectFrom('community_events as ev')
      .select(['ev.id', 'ev.title'])
      .where('ev.id', '=', id)
      .where(eventManagedBy(caller))
      .executeTakeFirst();
    if (!ev) throw notFound('活动');
    const rows = await this.db
      .selectFrom('community_event_registrations as r')
      .innerJoin('persons as p', 'p.id', 'r.person_id')
      .leftJoin('filings as f', (j) => j.onRef('f.person_id', '=', 'r.person_id').on('f.status', '=', 'active'))
      .leftJoin('enterprises as e', 'e.id', 'f.enterprise_id')
      .select(['r.id', 'p.name', 'e.name as enterpriseName', 'r.status', 'r.registered_at as registeredAt', 'r.checked_in_at as checkedInAt'])
      .where('r.event_id', '=', id)
      .orderBy(sql`case r.status when 'registered' then 0 when 'waitlisted' then 1 else 2 end`)
      .orderBy('r.registered_at')
      .execute();
    return { event: ev, items: rows };
  }

  /** The attendance list for the Excel export; the export is audited. */
  async attendanceExport(caller: SessionAccount, actor: Actor, id: number) {
    const list = await this.attendance(caller, id);
    await recordAuditAlone(this.db, actor, { action: 'community_event.attendance.export', targetType: 'community_event', targetId: list.event.id });
    return list;
  }
}

function assertCheckInOpen(ev: { starts_at: Date; ends_at: Date }, nowMs: number): void {
  if (nowMs < ev.starts_at.getTime() - CHECK_IN_OPENS_BEFORE_MS || nowMs > ev.ends_at.getTime() + CHECK_IN_CLOSES_AFTER_MS) {
    throw stateError('签到仅在活动开始前 1 小时至结束后 30 分钟内开放');
  }
}
