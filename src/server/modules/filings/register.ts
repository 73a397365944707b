import { sql, type ExpressionBuilder } from 'kysely';
import { withinUnit } from '../../auth/scope';
import { z } from 'zod';
import { SEGMENTS } from '../../../domain/eligibility';
import { dictKeys } from '../../../domain/enterprise';
import { parseIdNumber } from '../../../domain/id-number';
import { clock } from '../../clock';
import type { CryptoService } from '../../crypto/index';
import type { DB, FilingStatus } from '../../db/types';

/**
 * The filing register's filters (备案台账): one schema for the list, the export and the web page's address bar.
 * `q` matches the enterprise name, the USCC or the person's name; a whole valid ID number is matched through its
 * keyed hash only (the clear number is never stored, and the masked one is never searched).
 */
const dateParam = (field: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${field}格式应为 YYYY-MM-DD` });

export const FILING_STATUS_KEYS = ['draft', 'submitted', 'returned', 'active', 'rejected', 'withdrawn', 'ended'] as const;

export const filingFilterSchema = z.object({
  q: z.string().trim().max(60, { error: '关键词不超过 60 个字' }).optional().meta({ title: '关键词' }),
  status: z.enum(FILING_STATUS_KEYS, { error: '状态不正确' }).optional().meta({ title: '状态' }),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .meta({ title: '是否逾期' }),
  orgUnitId: z.coerce.number().int().positive({ error: '主管单位不正确' }).optional().meta({ title: '所属单位' }),
  segment: z.enum(dictKeys(SEGMENTS), { error: '企业类别不正确' }).optional().meta({ title: '企业类别' }),
  /** submission date range (提交日期), inclusive */
  from: dateParam('起始日期').optional().meta({ title: '开始时间' }),
  to: dateParam('截止日期').optional().meta({ title: '结束时间' }),
  enterpriseId: z.coerce.number().int().positive().optional().meta({ title: '企业' }),
  personId: z.coerce.number().int().positive().optional().meta({ title: '人员' }),
});

export type FilingFilterInput = z.infer<typeof filingFilterSchema>;
export type FilingFilter = Omit<FilingFilterInput, 'status'> & { status?: FilingStatus | undefined; idNumberHash?: string | undefined };

/** The route's step before the service: a keyword that is a valid ID number becomes its lookup hash. */
export function withIdNumberHash<F extends { q?: string | undefined }>(filter: F, crypto: CryptoService): F & { idNumberHash?: string } {
  if (!filter.q) return filter;
  const id = parseIdNumber(filter.q, clock.now());
  return id.ok ? { ...filter, idNumberHash: crypto.keyedHash(id.value.idNumber) } : filter;
}

type FilingAliases = DB & { f: DB['filings']; e: DB['enterprises']; p: DB['persons']; o: DB['org_units'] };

/** The filter as one condition over the aliases f (filings), e (enterprises), p (persons), o (org units). */
export function filingFilterCondition(filter: FilingFilter) {
  return (eb: ExpressionBuilder<FilingAliases, 'f' | 'e' | 'p' | 'o'>) => {
    const and = [];
    if (filter.status) and.push(eb('f.status', '=', filter.status));
    if (filter.overdue) and.push(eb.and([eb('f.status', '=', 'submitted'), eb('f.review_deadline', '<', clock.today())]));
    if (filter.enterpriseId) and.push(eb('f.enterprise_id', '=', filter.enterpriseId));
    if (filter.personId) and.push(eb('f.person_id', '=', filter.personId));
    if (filter.orgUnitId) and.push(withinUnit('o.path', filter.orgUnitId));
    if (filter.segment) and.push(sql<boolean>`f.eligibility->>'segment' = ${filter.segment}`);
    if (filter.from) and.push(sql<boolean>`(f.submitted_at at time zone 'Asia/Shanghai')::date >= ${filter.from}::date`);
    if (filter.to) and.push(sql<boolean>`(f.submitted_at at time zone 'Asia/Shanghai')::date <= ${filter.to}::date`);
    if (filter.idNumberHash) and.push(eb('p.id_number_hash', '=', filter.idNumberHash));
    else if (filter.q) {
      const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      and.push(eb.or([eb('e.name', 'like', like), eb('e.uscc', 'like', like.toUpperCase()), eb('p.name', 'like', like)]));
    }
    return eb.and(and);
  };
}
