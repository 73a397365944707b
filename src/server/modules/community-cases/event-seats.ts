import type { Kysely } from 'kysely';
import type { DB } from '../../db/types';
import { Notifier } from '../notifications/notifier';

// the seats of a 交流活动: how many are taken, and the waiting list moving up when seats free
const notifier = new Notifier();

export async function countStatus(trx: Kysely<DB>, eventId: number, status: 'registered' | 'waitlisted'): Promise<number> {
  const row = await trx
    .selectFrom('community_event_registrations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event_id', '=', eventId)
    .where('status', '=', status)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Moves the earliest waiting registrations into free seats and tells them. */
export async function promoteWaitlisted(trx: Kysely<DB>, eventId: number, freeSeats: number, title: string): Promise<number> {
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
