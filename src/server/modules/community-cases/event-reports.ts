import { sql, type Kysely } from 'kysely';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import type { DB } from '../../db/types';
import { invalid, notFound, stateError } from '../../errors';
import { clock } from '../../clock';
import { eventManagedBy, eventVisibleTo, lockManagedEvent } from './event-access';

/** The report after a 交流活动: its text, published or saved, and its photos (at most 30). */
export class EventReports {
  constructor(private readonly db: Kysely<DB>) {}

  /** Publishes (or saves) the photo report after the event. */
  async saveReport(caller: SessionAccount, actor: Actor, id: number, text: string, publish: boolean): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const ev = await lockManagedEvent(trx, caller, id);
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
      const ev = await lockManagedEvent(trx, caller, id);
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
      await lockManagedEvent(trx, caller, photo.event_id);
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
