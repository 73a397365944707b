import { sql } from 'kysely';
import { z } from 'zod';
import type { certificateRowSchema } from '../../../contract/certificates';
import { scopeOf, withinUnit } from '../../auth/scope';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';

/**
 * 证书台账: every certificate issued by a unit in the caller's region or held by an officer in office there
 * (备案证明, 培训合格证, 学时证明), with its
 * status (有效 / 已失效 / 已撤销) and the reason and date of the change. Holders' ID numbers only masked.
 */
const dateParam = (field: string) => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${field}格式应为 YYYY-MM-DD` });
export const certificateFilterSchema = z.object({
  q: z.string().trim().max(60, { error: '关键词不超过 60 个字' }).optional().meta({ title: '关键词' }),
  kind: z.enum(['filing_proof', 'training_certificate', 'transcript'], { error: '证书种类不正确' }).optional().meta({ title: '类型' }),
  status: z.enum(['valid', 'ended', 'revoked'], { error: '证书状态不正确' }).optional().meta({ title: '状态' }),
  orgUnitId: z.coerce.number().int().positive({ error: '发证单位不正确' }).optional().meta({ title: '所属单位' }),
  from: dateParam('起始日期').optional().meta({ title: '开始时间' }),
  to: dateParam('截止日期').optional().meta({ title: '结束时间' }),
});
export type CertificateFilter = z.infer<typeof certificateFilterSchema>;

export type CertificateRow = z.infer<typeof certificateRowSchema>;

function filtered(db: Database, caller: SessionAccount, f: CertificateFilter) {
  const scope = scopeOf(caller);
  let q = db
    .selectFrom('certificates as c')
    .innerJoin('org_units as o', 'o.id', 'c.org_unit_id')
    .leftJoin('persons as p', 'p.id', 'c.person_id')
    // issued in the region, or a person's own training certificate or 学时证明 (issued by the province or another
    // bureau) held by an officer in office at an enterprise of the region; filing proofs of other regions stay there
    .where(
      (eb) =>
        sql<boolean>`(${scope.region('c.org_unit_id')} or (c.kind in ('transcript', 'training_certificate') and exists (select 1 from filings fx
          join enterprises ex on ex.id = fx.enterprise_id where fx.person_id = ${eb.ref('c.person_id')} and fx.status = 'active' and ${scope.region('ex.org_unit_id')})))`,
    );
  if (f.kind) q = q.where('c.kind', '=', f.kind);
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.orgUnitId) q = q.where(withinUnit('o.path', f.orgUnitId));
  if (f.from) q = q.where(sql<boolean>`(c.issued_at at time zone 'Asia/Shanghai')::date >= ${f.from}::date`);
  if (f.to) q = q.where(sql<boolean>`(c.issued_at at time zone 'Asia/Shanghai')::date <= ${f.to}::date`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([eb('c.serial', 'like', like.toUpperCase()), eb('p.name', 'like', like), eb(sql<string>`c.payload->>'enterpriseName'`, 'like', like)]),
    );
  }
  return q.select([
    'c.id',
    'c.serial',
    'c.kind',
    'c.status',
    'c.status_reason as statusReason',
    'c.status_changed_at as statusChangedAt',
    'p.name as holderName',
    'p.id_number_masked as idNumberMasked',
    sql<string | null>`c.payload->>'enterpriseName'`.as('enterpriseName'),
    // what the certificate is for: the class and tier, the study year, or nothing for a filing proof
    sql<string | null>`coalesce(case when c.kind = 'training_certificate' then (c.payload->>'className') || '（' || (c.payload->>'tierLabel') || '）' end,
      case when c.kind = 'transcript' then (c.payload->>'year') || ' 年度' end)`.as('detail'),
    'o.name as orgUnitName',
    'c.issued_at as issuedAt',
    'c.expires_at as expiresAt',
  ]);
}

async function listCertificates(db: Database, caller: SessionAccount, f: CertificateFilter, page: number, pageSize: number) {
  const q = filtered(db, caller, f);
  const [{ total }, items] = await Promise.all([
    db
      .selectFrom(q.as('x'))
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow(),
    q
      .orderBy('c.issued_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  return { items, total: Number(total) };
}

async function* exportRows(db: Database, caller: SessionAccount, f: CertificateFilter) {
  let after = 0;
  for (;;) {
    const rows = await filtered(db, caller, f).where('c.id', '>', after).orderBy('c.id').limit(500).execute();
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]?.id ?? after;
    if (rows.length < 500) return;
  }
}

/** The 证书台账 of the caller's region: a page of it, or all of it in chunks for the export. */
export class CertificateRegisterService {
  constructor(private readonly db: Database) {}

  list(caller: SessionAccount, filter: CertificateFilter, page: number, pageSize: number) {
    return listCertificates(this.db, caller, filter, page, pageSize);
  }

  exportRows(caller: SessionAccount, filter: CertificateFilter) {
    return exportRows(this.db, caller, filter);
  }
}
