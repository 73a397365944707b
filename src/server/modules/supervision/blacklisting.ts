import { sql, type Selectable, type Transaction } from 'kysely';
import { maskName } from '../../../domain/certificates';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { DB } from '../../db/types';
import type { CertificateService } from '../certificates/service';
import type { Notifier } from '../notifications/notifier';
import { notifyOfficerLeft } from '../notifications/officer-change';
import { clock } from '../../clock';

/**
 * What deciding a blacklisting does, in the deciding transaction: numbers the public notice (苏质黑〔year〕n号), ends
 * the officer's active filings (their proofs with them; each enterprise and the bureaus above are told), withdraws
 * the officer from the expert pool and publishes the notice. The ban itself is enforced on every filing by person (ban.ts).
 */
export async function enforceBlacklisting(
  trx: Transaction<DB>,
  actor: Actor,
  { certificates, notifier }: { certificates: CertificateService; notifier: Notifier },
  s: Selectable<DB['sanctions']>,
  person: { name: string },
  enterprise: { name: string; uscc: string },
  today: string,
): Promise<{ noticeNo: string; endedFilings: number[] }> {
  // the notice number: 苏质黑〔year〕n号, numbered under a transaction lock so two decisions never share one
  await sql`select pg_advisory_xact_lock(7270015)`.execute(trx);
  const year = today.slice(0, 4);
  const { n } = await trx
    .selectFrom('blacklist_notices')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('notice_no', 'like', `苏质黑〔${year}〕%`)
    .executeTakeFirstOrThrow();
  const noticeNo = `苏质黑〔${year}〕${Number(n) + 1}号`;
  const endReason = `列入首席质量官黑名单（${noticeNo}）`;
  const active = await trx
    .selectFrom('filings')
    .select(['id', 'enterprise_id', 'appointment_date'])
    .where('person_id', '=', s.person_id)
    .where('status', '=', 'active')
    .forUpdate()
    .execute();
  for (const f of active) {
    const endedAt = f.appointment_date && f.appointment_date > today ? f.appointment_date : today;
    await trx
      .updateTable('filings')
      .set({ status: 'ended', end_kind: 'blacklisted', exit_cause: 'accident', end_reason: endReason, ended_at: endedAt, updated_at: clock.now() })
      .where('id', '=', f.id)
      .execute();
    await trx.updateTable('enterprises').set({ has_active_officer: false }).where('id', '=', f.enterprise_id).execute();
    await certificates.setStatus(trx, 'filing', f.id, 'ended', endReason);
    await recordAudit(trx, actor, { action: 'filing.end', targetType: 'filing', targetId: f.id, details: { kind: 'blacklisted', sanctionId: s.id } });
    await notifyOfficerLeft(trx, f.id, 'blacklisted', endedAt, notifier);
    await notifier.notify(trx, await notifier.enterpriseAccounts(trx, f.enterprise_id), {
      kind: 'filing.blacklisted',
      title: '首席质量官聘任备案已结束',
      body: `本企业首席质量官${person.name}已被列入首席质量官黑名单（${noticeNo}），其聘任备案自 ${endedAt} 起结束，备案证明同时失效。请重新聘任并办理备案。`,
      link: '/my-filings',
    });
  }
  await trx
    .updateTable('expert_pool_members')
    .set({ status: 'withdrawn', note: endReason, updated_at: clock.now() })
    .where('person_id', '=', s.person_id)
    .where('status', 'in', ['nominated', 'active'])
    .execute();
  await trx
    .insertInto('blacklist_notices')
    .values({
      sanction_id: s.id,
      notice_no: noticeNo,
      person_name_masked: maskName(person.name),
      enterprise_name: enterprise.name,
      uscc: enterprise.uscc,
      reason: `${s.incident_title}：${s.reason}`,
      ban_start: s.ban_start ?? today,
      ban_end: s.ban_end ?? today,
    })
    .execute();
  return { noticeNo, endedFilings: active.map((f) => f.id) };
}
