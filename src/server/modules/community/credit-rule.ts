import { sql, type Kysely } from 'kysely';
import { communityCreditRuleSchema, creditWithinCap, DEFAULT_COMMUNITY_CREDIT_RULE, type CommunityCreditRule } from '../../../domain/community-cases';
import type { DB } from '../../db/types';
import { revokeStudyLines, setStudyMinutes } from '../study-ledger/ledger';
import { readSetting } from '../settings/repository';

/** The settings key of the province's community credit rule. */
export const COMMUNITY_CREDIT_SETTING = 'community_credit_rule';

/** The province's rule for crediting community contributions (cases, forum, events) to the study account. */
export async function communityCreditRule(db: Kysely<DB>): Promise<CommunityCreditRule> {
  const parsed = communityCreditRuleSchema.safeParse(await readSetting(db, COMMUNITY_CREDIT_SETTING));
  return parsed.success ? parsed.data : DEFAULT_COMMUNITY_CREDIT_RULE;
}

export interface CommunityCredit {
  personId: number;
  /** `case:<id>`, `event:<id>`, `forum:<id>` … */
  sourceRef: string;
  title: string;
  /** YYYY-MM-DD (China); its year is the account's year */
  occurredOn: string;
  /** minutes before the yearly cap */
  minutes: number;
}

/**
 * Credits a community contribution to the annual study account under the province's yearly cap for all
 * community lines together; returns the minutes actually credited. Call inside the transaction of the change
 * (publishing a case, checking in, accepting a forum post). The person's row is locked so concurrent credits
 * of one person cannot both pass the cap. Crediting the same basis again replaces its line.
 */
export async function creditCommunityContribution(trx: Kysely<DB>, rule: CommunityCreditRule, credit: CommunityCredit): Promise<number> {
  const year = Number(credit.occurredOn.slice(0, 4));
  await sql`select id from persons where id = ${credit.personId} for update`.execute(trx);
  const others = await trx
    .selectFrom('study_ledger_entries')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('minutes'), sql<number>`0`).as('minutes'))
    .where('person_id', '=', credit.personId)
    .where('year', '=', year)
    .where('source', '=', 'community')
    .where('status', '=', 'credited')
    .where('source_ref', '!=', credit.sourceRef)
    .executeTakeFirstOrThrow();
  const minutes = creditWithinCap(rule, Number(others.minutes), credit.minutes);
  await setStudyMinutes(trx, {
    personId: credit.personId,
    year,
    source: 'community',
    sourceRef: credit.sourceRef,
    title: credit.title,
    occurredOn: credit.occurredOn,
    minutes,
  });
  return minutes;
}

/** Revokes the community study lines of a basis (an unpublished case, a cancelled event). */
export const revokeCommunityCredit = (trx: Kysely<DB>, sourceRef: string, reason: string, personId?: number): Promise<number> =>
  revokeStudyLines(trx, { source: 'community', sourceRef, ...(personId !== undefined ? { personId } : {}) }, reason);
