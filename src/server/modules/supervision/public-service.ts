import { evaluateAwardEligibility, type AwardLevel } from '../../../domain/award-eligibility';
import { noticeStatus, NOTICE_STATUSES } from '../../../domain/supervision';
import { parseUscc } from '../../../domain/uscc';
import { clock } from '../../clock';
import type { Database } from '../../db/database';
import { invalid, notFound } from '../../errors';
import { schemeInForce } from '../policy/award-conditions';
import { awardFactsOn } from '../policy/award-facts';
import type { SettingsService } from '../settings/service';

/**
 * What anyone may see without signing in: the blacklist notices (the officer's name masked; the enterprise, the
 * reason and the ban period in full) and the award-eligibility check of an enterprise, which names no person at all.
 */
export class SupervisionPublicService {
  constructor(
    private readonly db: Database,
    private readonly settings: SettingsService,
  ) {}

  /** A page of the blacklist notices, newest first, optionally matching an enterprise name, notice number or USCC. */
  async blacklistNotices(page: number, pageSize: number, q: string | undefined) {
    let query = this.db.selectFrom('blacklist_notices');
    if (q) query = query.where((eb) => eb.or([eb('enterprise_name', 'like', `%${q}%`), eb('notice_no', 'like', `%${q}%`), eb('uscc', '=', q.toUpperCase())]));
    const [{ total }, rows] = await Promise.all([
      query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
      query
        .select([
          'notice_no',
          'person_name_masked',
          'enterprise_name',
          'uscc',
          'reason',
          'ban_start',
          'ban_end',
          'published_at',
          'withdrawn_at',
          'withdrawn_reason',
        ])
        .orderBy('published_at', 'desc')
        .orderBy('id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
    ]);
    const today = clock.today();
    const items = rows.map((r) => {
      const status = noticeStatus({ withdrawnAt: r.withdrawn_at, banStart: r.ban_start, banEnd: r.ban_end }, today);
      return {
        noticeNo: r.notice_no,
        personNameMasked: r.person_name_masked,
        enterpriseName: r.enterprise_name,
        uscc: r.uscc,
        reason: r.reason,
        banStart: r.ban_start,
        banEnd: r.ban_end,
        publishedAt: r.published_at,
        status,
        statusLabel: NOTICE_STATUSES[status],
        withdrawnAt: r.withdrawn_at,
        withdrawnReason: r.withdrawn_reason,
      };
    });
    return { items, total: Number(total), page, pageSize };
  }

  /** Whether an enterprise (by USCC) meets a level's award conditions on a day (today or a past day, as of that day). */
  async awardEligibility(query: { uscc: string; level: AwardLevel; asOf?: string | undefined }) {
    const parsed = parseUscc(query.uscc);
    if (!parsed.ok) throw invalid('uscc', parsed.message);
    const uscc = parsed.value.uscc;
    const enterprise = await this.db.selectFrom('enterprises').select(['id', 'name']).where('uscc', '=', uscc).executeTakeFirst();
    if (!enterprise) throw notFound('该统一社会信用代码对应的企业（企业须先在本系统登记）');
    const today = clock.today();
    const day = query.asOf ?? today;
    if (day > today) throw invalid('asOf', '查询日期不能晚于今天');
    // the facts and the award-condition version of that day: a past day's check reads the same whenever it is repeated
    const scheme = await schemeInForce(this.db, query.level, day);
    const { facts } = await awardFactsOn(this.db, this.settings, enterprise.id, day);
    const result = evaluateAwardEligibility(facts, scheme.conditions);
    return {
      uscc,
      enterpriseName: enterprise.name,
      checkedOn: day,
      scheme: { level: scheme.level, levelLabel: scheme.levelLabel, version: scheme.version, adoptedOn: scheme.adoptedOn, note: scheme.note },
      ...result,
    };
  }
}
