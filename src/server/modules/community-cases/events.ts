import { sql, type Kysely } from 'kysely';
import { hasPermission } from '../../../domain/permissions';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import type { DB } from '../../db/types';
import { invalid, notFound, stateError } from '../../errors';
import { Notifier } from '../notifications/notifier';
import { revokeCommunityCredit } from '../community/credit-rule';
import type { EventInput, EventUpdate } from '../../../contract/community-cases';
import { clock } from '../../clock';
import { CommunityView } from '../community/access';
import { eventManagedBy, eventVisibleTo, lockManagedEvent, managesRegion } from './event-access';
import { countStatus, promoteWaitlisted } from './event-seats';

const notifier = new Notifier();

/**
 * 交流活动 (events) as their organisers publish, change and cancel them, and as everyone lists and reads them;
 * registration and check-in: event-registrations.ts; the photo report: event-reports.ts.
 */
export class EventService {
  constructor(private readonly db: Kysely<DB>) {}

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
      const ev = await lockManagedEvent(trx, caller, id);
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
      const ev = await lockManagedEvent(trx, caller, id);
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
