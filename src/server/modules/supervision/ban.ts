import type { Kysely } from 'kysely';
import type { DB } from '../../db/types';
import { conflict } from '../../errors';
import { clock } from '../../clock';

/**
 * The blacklist ban, enforced by person. It holds from the province's decision until the end of the ban period
 * (a period set to start later still blocks new filings meanwhile: the decision already ended the person's filings),
 * and lapses by date, with no job. Enforced by person (one person across enterprises: the person row is found by the keyed
 * hash of the ID number, so a banned person cannot be filed again by any enterprise, in any city).
 */
export async function activeBan(db: Kysely<DB>, personId: number, day = clock.today()) {
  return db
    .selectFrom('sanctions as s')
    .leftJoin('blacklist_notices as n', 'n.sanction_id', 's.id')
    .select(['s.id', 's.ban_start as banStart', 's.ban_end as banEnd', 's.reason', 'n.notice_no as noticeNo'])
    .where('s.person_id', '=', personId)
    .where('s.kind', '=', 'blacklist')
    .where('s.status', '=', 'in_force')
    .where('s.ban_end', '>=', day)
    .orderBy('s.ban_end', 'desc')
    .executeTakeFirst();
}

/** Refuses (409, with the reason) a filing step for a person under a ban today. */
export async function assertNotBanned(db: Kysely<DB>, personId: number): Promise<void> {
  const ban = await activeBan(db, personId);
  if (!ban) return;
  const message = `该人员已被列入首席质量官黑名单${ban.noticeNo ? `（${ban.noticeNo}）` : ''}，禁入期 ${ban.banStart ?? ''} 至 ${ban.banEnd ?? ''}，期间任何企业不得为其办理聘任备案。原因：${ban.reason}`;
  throw conflict(message, [{ path: 'candidateId', message: '该人员在黑名单禁入期内' }]);
}
