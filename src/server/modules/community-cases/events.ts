import { sql, type Kysely } from 'kysely';
import { EVENT_CHECK_IN_PATH, eventCreditMinutes } from '../../../domain/community-cases';
import { hasPermission } from '../../../domain/permissions';
import { DEFAULT_ROTATING_TOKEN_OPTIONS, issueRotatingToken, verifyRotatingToken, type MacKey } from '../../../domain/rotating-token';
import { todayInChina } from '../../../domain/working-days';
import { recordAudit, recordAuditAlone, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import type { DB } from '../../db/types';
import { conflict, forbidden, invalid, notFound, stateError } from '../../errors';
import { Notifier } from '../notifications/notifier';
import { communityCreditRule, creditCommunityContribution, revokeCommunityCredit } from '../community/credit-rule';
import type { EventInput, EventUpdate } from '../../../contract/community-cases';
import { clock } from '../../clock';
import { CommunityView } from '../community/access';
import { eventManagedBy, eventVisibleTo, managesRegion } from './event-access';
import { requirePersonOfAccount } from '../../persons/repository';

const notifier = new Notifier();

/** The purpose bound into event check-in tokens (the MAC key is `crypto.macKey('event-check-in')`). */
export const EVENT_CHECK_IN_PURPOSE = 'event-check-in';
/** Check-in opens this long before the start and stays open this long after the end. */
const CHECK_IN_OPENS_BEFORE_MS = 60 * 60_000;
const CHECK_IN_CLOSES_AFTER_MS = 30 * 60_000;

const tokenSubject = (eventId: number): string => `ev${String(eventId)}`;
const eventIdOf = (subject: string): number | null => (/^ev\d{1,15}$/.test(subject) ? Number(subject.slice(2)) : null);

export class EventService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly macKey: MacKey,
  ) {}

  private async lockManaged(trx: Kysely<DB>, caller: SessionAccount, id: number) {
    const row = await trx
      .selectFrom('community_events as ev')
      .selectAll('ev')
      .where('ev.id', '=', id)
      .where(eventManagedBy(caller))
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('活动');
    return row;
  }

  /**
   * A bureau publishes an event of its own unit; a 联盟/之家 admin (or the bureau over it) publishes one of an
   * organisation it runs (`organisationId`), held at the organisation's unit and seen by its members, who are told.
   */
  async create(caller: SessionAccount, actor: Actor, input: EventInput): Promise<number> {
    let organisation: { id: number; name: string; unitId: number } | null = null;
    if (input.organisationId !== undefined && input.organisationId !== null) {
      const org = (await CommunityView.load(this.db, caller)).managedOrg(input.organisationId);
      if (org.status !== 'active') throw stateError('该组织已停止活动，不能发布活动');
      const row = await this.db.selectFrom('community_organisations').select('org_unit_id').where('id', '=', org.id).executeTakeFirstOrThrow();
      organisation = { id: org.id, name: org.name, unitId: row.org_unit_id };
    } else if (!managesRegion(caller)) {
      throw invalid('organisationId', '主办组织：请选择您管理的联盟或之家');
    }
    if (input.startsAt.getTime() < clock.nowMs()) throw invalid('startsAt', '开始时间：不能早于当前时间');
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('community_events')
        .values({
          org_unit_id: organisation?.unitId ?? caller.orgUnitId,
          organisation_id: organisation?.id ?? null,
          kind: input.kind,
          title: input.title,
          description: input.description,
          place: input.place,
          starts_at: input.startsAt,
          ends_at: input.endsAt,
          capacity: input.capacity,
          credits_study: input.creditsStudy,
          created_by: caller.accountId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, {
        action: 'community_event.create',
        targetType: 'community_event',
        targetId: row.id,
        details: { title: input.title, startsAt: input.startsAt.toISOString(), organisationId: organisation?.id ?? null },
      });
      if (organisation) {
        const members = await trx
          .selectFrom('community_members')
          .select('account_id')
          .where('organisation_id', '=', organisation.id)
          .where('status', '=', 'active')
          .where('is_admin', '=', false)
          .execute();
        await notifier.notify(
          trx,
          members.map((m) => m.account_id),
          { kind: 'community_event.published', title: `${organisation.name}发布了新活动`, body: input.title, link: `/community/events/${String(row.id)}` },
        );
      }
      return row.id;
    });
  }

  async update(caller: SessionAccount, actor: Actor, id: number, input: EventUpdate): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const ev = await this.lockManaged(trx, caller, id);
      if (ev.status !== 'open') throw stateError('活动已取消，不能修改');
      const registered = await countStatus(trx, id, 'registered');
      if (input.capacity < registered) throw invalid('capacity', `名额：不能少于已报名人数（${String(registered)} 人）`);
      await trx
        .updateTable('community_events')
        .set({
          kind: input.kind,
          title: input.title,
          description: input.description,
          place: input.place,
          starts_at: input.startsAt,
          ends_at: input.endsAt,
          capacity: input.capacity,
          credits_study: input.creditsStudy,
          updated_at: clock.now(),
        })
        .where('id', '=', id)
        .execute();
      const promoted = await promoteWaitlisted(trx, id, input.capacity - registered, input.title);
      await recordAudit(trx, actor, {
        action: 'community_event.update',
        targetType: 'community_event',
        targetId: id,
        details: { title: input.title, promoted },
      });
    });
  }

  async cancel(caller: SessionAccount, actor: Actor, id: number, reason: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const ev = await this.lockManaged(trx, caller, id);
      if (ev.status !== 'open') throw stateError('活动已取消');
      await trx.updateTable('community_events').set({ status: 'cancelled', cancel_reason: reason, updated_at: clock.now() }).where('id', '=', id).execute();
      const revoked = await revokeCommunityCredit(trx, `event:${String(id)}`, `活动取消：${reason}`);
      const accounts = await trx
        .selectFrom('community_event_registrations')
        .select('account_id')
        .where('event_id', '=', id)
        .where('status', 'in', ['registered', 'waitlisted'])
        .execute();
      await notifier.notify(
        trx,
        accounts.map((a) => a.account_id),
        { kind: 'community_event.cancelled', title: '活动已取消', body: `“${ev.title}”已取消：${reason}`, link: `/community/events/${String(id)}` },
      );
      await recordAudit(trx, actor, {
        action: 'community_event.cancel',
        targetType: 'community_event',
        targetId: id,
        details: { reason, revokedLines: revoked },
      });
    });
  }

  async list(caller: SessionAccount, when: 'upcoming' | 'past' | 'all', managed: boolean, page: number, pageSize: number, organisationId?: number) {
    let q = this.db
      .selectFrom('community_events as ev')
      .innerJoin('org_units as o', 'o.id', 'ev.org_unit_id')
      .leftJoin('community_organisations as co', 'co.id', 'ev.organisation_id')
      .where(eventVisibleTo(caller));
    if (managed) q = q.where(eventManagedBy(caller));
    if (organisationId !== undefined) q = q.where('ev.organisation_id', '=', organisationId);
    if (when === 'upcoming') q = q.where('ev.ends_at', '>=', clock.now());
    if (when === 'past') q = q.where('ev.ends_at', '<', clock.now());
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await q
      .leftJoin('community_event_registrations as mine', (j) => j.onRef('mine.event_id', '=', 'ev.id').on('mine.account_id', '=', caller.accountId))
      .select(eventItemColumns)
      .orderBy('ev.starts_at', when === 'past' ? 'desc' : 'asc')
      .orderBy('ev.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { items: rows.map(toItem), total: Number(total.n), page, pageSize };
  }

  async detail(caller: SessionAccount, id: number) {
    const row = await this.db
      .selectFrom('community_events as ev')
      .innerJoin('org_units as o', 'o.id', 'ev.org_unit_id')
      .leftJoin('community_organisations as co', 'co.id', 'ev.organisation_id')
      .leftJoin('community_event_registrations as mine', (j) => j.onRef('mine.event_id', '=', 'ev.id').on('mine.account_id', '=', caller.accountId))
      .select(eventItemColumns)
      .select([
        'ev.description',
        'ev.credits_study as creditsStudy',
        'ev.cancel_reason as cancelReason',
        'ev.report_text as reportText',
        'ev.report_published_at as reportPublishedAt',
        eventManagedBy(caller).as('manage'),
      ])
      .where('ev.id', '=', id)
      .where(eventVisibleTo(caller))
      .executeTakeFirst();
    if (!row) throw notFound('活动');
    const manage = Boolean(row.manage);
    const item = toItem(row);
    const reportVisible = manage || row.reportPublishedAt !== null;
    const photos = reportVisible
      ? await this.db.selectFrom('community_event_photos').select(['id', 'caption']).where('event_id', '=', id).orderBy('id').execute()
      : [];
    const open = row.status === 'open' && row.startsAt.getTime() > clock.nowMs();
    const participant = hasPermission(caller.role, 'community:participate');
    return {
      ...item,
      description: row.description,
      creditsStudy: row.creditsStudy,
      cancelReason: row.cancelReason,
      reportText: reportVisible ? row.reportText : null,
      reportPublishedAt: row.reportPublishedAt,
      photos,
      abilities: {
        register: participant && open && (item.myStatus === null || item.myStatus === 'cancelled'),
        cancelRegistration: open && (item.myStatus === 'registered' || item.myStatus === 'waitlisted'),
        manage,
      },
    };
  }

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

  /** Publishes (or saves) the photo report after the event. */
  async saveReport(caller: SessionAccount, actor: Actor, id: number, text: string, publish: boolean): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const ev = await this.lockManaged(trx, caller, id);
      if (ev.status !== 'open') throw stateError('活动已取消，不能发布报道');
      if (ev.starts_at.getTime() > clock.nowMs()) throw stateError('活动开始后才能发布活动报道');
      await trx
        .updateTable('community_events')
        .set({ report_text: text, report_published_at: publish ? (ev.report_published_at ?? clock.now()) : null, updated_at: clock.now() })
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, actor, {
        action: publish ? 'community_event.report.publish' : 'community_event.report.save',
        targetType: 'community_event',
        targetId: id,
      });
    });
  }

  /** The attendance list for the Excel export; the export is audited. */
  async attendanceExport(caller: SessionAccount, actor: Actor, id: number) {
    const list = await this.attendance(caller, id);
    await recordAuditAlone(this.db, actor, { action: 'community_event.attendance.export', targetType: 'community_event', targetId: list.event.id });
    return list;
  }

  /** Refuses (404 / 409) before an upload is stored when the event is not managed by the caller or has not started. */
  async assertPhotosOpen(caller: SessionAccount, id: number): Promise<void> {
    const ev = await this.db
      .selectFrom('community_events as ev')
      .select(['ev.starts_at'])
      .where('ev.id', '=', id)
      .where(eventManagedBy(caller))
      .executeTakeFirst();
    if (!ev) throw notFound('活动');
    if (ev.starts_at.getTime() > clock.nowMs()) throw stateError('活动开始后才能上传活动照片');
  }

  async addPhoto(caller: SessionAccount, actor: Actor, id: number, ref: string, caption: string): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const ev = await this.lockManaged(trx, caller, id);
      if (ev.starts_at.getTime() > clock.nowMs()) throw stateError('活动开始后才能上传活动照片');
      const count = await trx
        .selectFrom('community_event_photos')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('event_id', '=', id)
        .executeTakeFirstOrThrow();
      if (Number(count.n) >= 30) throw invalid('file', '照片：每个活动最多 30 张');
      const row = await trx
        .insertInto('community_event_photos')
        .values({ event_id: id, file_ref: ref, caption, created_by: caller.accountId })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, actor, { action: 'community_event.photo.add', targetType: 'community_event', targetId: id });
      return row.id;
    });
  }

  async removePhoto(caller: SessionAccount, actor: Actor, photoId: number): Promise<string> {
    return this.db.transaction().execute(async (trx) => {
      const photo = await trx.selectFrom('community_event_photos').select(['id', 'event_id', 'file_ref']).where('id', '=', photoId).executeTakeFirst();
      if (!photo) throw notFound('照片');
      await this.lockManaged(trx, caller, photo.event_id);
      await trx.deleteFrom('community_event_photos').where('id', '=', photoId).execute();
      await recordAudit(trx, actor, { action: 'community_event.photo.remove', targetType: 'community_event', targetId: photo.event_id });
      return photo.file_ref;
    });
  }

  /** A photo is visible once the report is published, and to the organiser before that. */
  async photoFor(caller: SessionAccount, photoId: number) {
    const row = await this.db
      .selectFrom('community_event_photos as ph')
      .innerJoin('community_events as ev', 'ev.id', 'ph.event_id')
      .select(['ph.id', 'ph.file_ref'])
      .where('ph.id', '=', photoId)
      .where(sql<boolean>`((ev.report_published_at is not null and ${eventVisibleTo(caller)}) or ${eventManagedBy(caller)})`)
      .executeTakeFirst();
    if (!row) throw notFound('照片');
    return row;
  }
}

function assertCheckInOpen(ev: { starts_at: Date; ends_at: Date }, nowMs: number): void {
  if (nowMs < ev.starts_at.getTime() - CHECK_IN_OPENS_BEFORE_MS || nowMs > ev.ends_at.getTime() + CHECK_IN_CLOSES_AFTER_MS) {
    throw stateError('签到仅在活动开始前 1 小时至结束后 30 分钟内开放');
  }
}

async function countStatus(trx: Kysely<DB>, eventId: number, status: 'registered' | 'waitlisted'): Promise<number> {
  const row = await trx
    .selectFrom('community_event_registrations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event_id', '=', eventId)
    .where('status', '=', status)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Moves the earliest waiting registrations into free seats and tells them. */
async function promoteWaitlisted(trx: Kysely<DB>, eventId: number, freeSeats: number, title: string): Promise<number> {
  if (freeSeats <= 0) return 0;
  const next = await trx
    .selectFrom('community_event_registrations')
    .select(['id', 'account_id'])
    .where('event_id', '=', eventId)
    .where('status', '=', 'waitlisted')
    .orderBy('registered_at')
    .orderBy('id')
    .limit(freeSeats)
    .execute();
  if (next.length === 0) return 0;
  await trx
    .updateTable('community_event_registrations')
    .set({ status: 'registered' })
    .where(
      'id',
      'in',
      next.map((r) => r.id),
    )
    .execute();
  await notifier.notify(
    trx,
    next.map((r) => r.account_id),
    { kind: 'community_event.promoted', title: '候补转为正式报名', body: `您已获得“${title}”的参加名额。`, link: `/community/events/${String(eventId)}` },
  );
  return next.length;
}

const eventItemColumns = [
  'ev.id',
  'ev.kind',
  'ev.title',
  'ev.place',
  'ev.starts_at as startsAt',
  'ev.ends_at as endsAt',
  'ev.capacity',
  'ev.status',
  sql<string>`coalesce(co.name, o.name || '市场监管局')`.as('organiserName'),
  'ev.organisation_id as organisationId',
  'mine.status as myStatus',
  'mine.checked_in_at as myCheckedInAt',
  sql<boolean>`ev.report_published_at is not null`.as('hasReport'),
  sql<number>`(select count(*) from community_event_registrations r where r.event_id = ev.id and r.status = 'registered')`.as('registered'),
  sql<number>`(select count(*) from community_event_registrations r where r.event_id = ev.id and r.status = 'waitlisted')`.as('waitlisted'),
] as const;

function toItem<T extends { myCheckedInAt: Date | null; registered: number; waitlisted: number; myStatus: 'registered' | 'waitlisted' | 'cancelled' | null }>(
  row: T,
) {
  const { myCheckedInAt, ...rest } = row;
  return { ...rest, registered: Number(row.registered), waitlisted: Number(row.waitlisted), myCheckedIn: myCheckedInAt !== null };
}
