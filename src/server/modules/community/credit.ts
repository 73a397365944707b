import type { Kysely } from 'kysely';
import { todayInChina } from '../../../domain/working-days';
import type { DB } from '../../db/types';
import { revokeStudyLines, setStudyMinutes } from '../study-ledger/ledger';

/**
 * Community contributions in the annual study account (source 'community'): a thread the moderators feature
 * (精华) and a reply accepted as the answer to a question each credit their author, an officer, with one
 * 学时 (45 minutes). The line is revoked when the basis goes (unfeatured, another answer accepted, hidden).
 */
export const FEATURED_THREAD_MINUTES = 45;
export const ACCEPTED_ANSWER_MINUTES = 45;

export const featuredRef = (threadId: number): string => `community_featured:${threadId}`;
export const answerRef = (postId: number): string => `community_answer:${postId}`;

export async function creditContribution(trx: Kysely<DB>, accountId: number, sourceRef: string, title: string, minutes: number): Promise<boolean> {
  const person = await trx.selectFrom('persons').select('id').where('account_id', '=', accountId).executeTakeFirst();
  if (!person) return false;
  const today = todayInChina();
  await setStudyMinutes(trx, { personId: person.id, year: Number(today.slice(0, 4)), source: 'community', sourceRef, title, occurredOn: today, minutes });
  return true;
}

export const revokeContribution = (trx: Kysely<DB>, sourceRef: string, reason: string): Promise<number> => revokeStudyLines(trx, { source: 'community', sourceRef }, reason);
