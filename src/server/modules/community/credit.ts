import type { Kysely } from 'kysely';
import type { DB } from '../../db/types';
import { communityCreditRule, creditCommunityContribution, revokeCommunityCredit } from './credit-rule';
import { clock } from '../../clock';
import { findPersonOfAccount } from '../../persons/repository';

/**
 * Forum contributions in the annual study account (source 'community'): a thread the moderators feature
 * (精华) and a reply accepted as the answer to a question each credit their author, an officer, with the
 * province's minutes per forum contribution, under the same yearly cap as cases and events
 * (community-cases/credits.ts holds the rule). The line is revoked when the basis goes (unfeatured, another
 * answer accepted, hidden).
 */
export const featuredRef = (threadId: number): string => `community_featured:${threadId}`;
export const answerRef = (postId: number): string => `community_answer:${postId}`;

/** Credits the officer behind `accountId`; false when the account is not an officer's. */
export async function creditContribution(trx: Kysely<DB>, accountId: number, sourceRef: string, title: string): Promise<boolean> {
  const person = await findPersonOfAccount(trx, accountId);
  if (!person) return false;
  const rule = await communityCreditRule(trx);
  await creditCommunityContribution(trx, rule, { personId: person.id, sourceRef, title, occurredOn: clock.today(), minutes: rule.minutesPerForumContribution });
  return true;
}

export const revokeContribution = (trx: Kysely<DB>, sourceRef: string, reason: string): Promise<number> => revokeCommunityCredit(trx, sourceRef, reason);
