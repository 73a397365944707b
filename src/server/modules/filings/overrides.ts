import { sql, type Kysely } from 'kysely';
import { failedCriteria, isEvaluated, needsOverride, type Criterion, type EligibilityResult } from '../../../domain/eligibility';
import { scopeOf } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { DB } from '../../db/types';
import { invalid, stateError } from '../../errors';

/** What an approval writes about eligibility: nothing, or the override with its reason, rule version and failed criteria. */
export interface OverrideColumns {
  override_reason: string | null;
  override_rule_version: number | null;
  override_criteria: string | null;
  override_by: number | null;
}

export interface Override {
  reason: string;
  ruleVersion: number | null;
  failedCriteria: Criterion[];
}

export const NOT_EVALUATED_MESSAGE = '该备案尚未进行资格审查，请先重新审查后再予以备案';
export const OVERRIDE_REQUIRED_MESSAGE = '拟任人员不符合具有约束力的任职条件，予以备案须填写破格理由（至少 10 个字）';

/**
 * The eligibility gate of an approval (pure over the stored check): a filing never evaluated cannot be approved
 * (409); one that fails a binding rule needs the reviewer's written reason (400 naming `overrideReason`).
 * A reason given where none is needed is not recorded as an override (it stays the approval's remarks).
 */
export function approvalOverride(stored: unknown, ruleVersion: number | null, reason: string | null): Override | null {
  const result = stored as EligibilityResult | null;
  if (!isEvaluated(result)) throw stateError(NOT_EVALUATED_MESSAGE);
  if (!needsOverride(result)) return null;
  const text = reason?.trim() ?? '';
  if (text.length < 10) throw invalid('overrideReason', OVERRIDE_REQUIRED_MESSAGE);
  return { reason: text, ruleVersion, failedCriteria: failedCriteria(result) };
}

export function overrideColumns(override: Override | null, by: number): OverrideColumns {
  if (!override) return { override_reason: null, override_rule_version: null, override_criteria: null, override_by: null };
  return {
    override_reason: override.reason,
    override_rule_version: override.ruleVersion,
    override_criteria: JSON.stringify(override.failedCriteria),
    override_by: by,
  };
}

/**
 * Approvals by override per responsible bureau (the filing's unit) and year of decision, within the caller's
 * region, with the approvals they are a share of.
 */
export async function overrideStatistics(db: Kysely<DB>, caller: SessionAccount, year: number) {
  const from = `${String(year)}-01-01T00:00:00+08:00`;
  const to = `${String(year + 1)}-01-01T00:00:00+08:00`;
  const rows = await db
    .selectFrom('filings as f')
    .innerJoin('org_units as o', 'o.id', 'f.org_unit_id')
    .select([
      'o.id as orgUnitId',
      'o.name as orgUnitName',
      (eb) => eb.fn.countAll<number>().as('approved'),
      sql<number>`count(*) filter (where f.override_reason is not null)`.as('overrides'),
    ])
    .where('f.status', 'in', ['active', 'ended'])
    .where('f.decided_at', '>=', new Date(from))
    .where('f.decided_at', '<', new Date(to))
    .where(scopeOf(caller).region('f.org_unit_id'))
    .groupBy(['o.id', 'o.name', 'o.path'])
    .orderBy(sql`count(*) filter (where f.override_reason is not null)`, 'desc')
    .orderBy('o.path')
    .execute();
  const items = rows.map((r) => ({ orgUnitId: r.orgUnitId, orgUnitName: r.orgUnitName, approved: Number(r.approved), overrides: Number(r.overrides) }));
  return { year, items, total: { approved: items.reduce((n, r) => n + r.approved, 0), overrides: items.reduce((n, r) => n + r.overrides, 0) } };
}
