import type { Kysely } from 'kysely';
import { DEFAULT_SCHEME, schemeInputSchema, type SchemeInput } from '../../../domain/assessment';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { DB } from '../../db/types';
import { AppError, stateError, validationError, versionConflict } from '../../errors';

export interface AssessmentScheme extends SchemeInput {
  /** the year the scheme was set for (a year without its own uses the latest earlier one; 0: the built-in default) */
  year: number;
  version: number;
  createdAt: Date | null;
}

const fromRow = (r: { year: number; version: number; indicators: unknown; grades: unknown; note: string | null; created_at: Date }): AssessmentScheme => ({
  ...schemeInputSchema.parse({ indicators: r.indicators, grades: r.grades, note: r.note }),
  year: r.year,
  version: r.version,
  createdAt: r.created_at,
});

const DEFAULT: AssessmentScheme = { ...DEFAULT_SCHEME, year: 0, version: 0, createdAt: null };

/**
 * The scheme the 考核 of `year` uses: the newest version set for that year, else (carried forward) the newest version
 * of the latest earlier year, else the built-in default. With `version`, that version of the year's own scheme.
 */
export async function schemeFor(db: Kysely<DB>, year: number, version?: number): Promise<AssessmentScheme> {
  let q = db.selectFrom('assessment_schemes').select(['year', 'version', 'indicators', 'grades', 'note', 'created_at']);
  q =
    version === undefined
      ? q.where('year', '<=', year).orderBy('year', 'desc').orderBy('version', 'desc')
      : q.where('year', '=', year).where('version', '=', version);
  const row = await q.limit(1).executeTakeFirst();
  if (!row) {
    if (version !== undefined && version !== 0) throw new AppError(404, 'NOT_FOUND', `${String(year)} 年度考核方案第 ${String(version)} 版不存在`);
    return DEFAULT;
  }
  return fromRow(row);
}

/** Every version of every year, newest first (the web lists them). */
export async function listSchemeVersions(db: Kysely<DB>) {
  const rows = await db
    .selectFrom('assessment_schemes')
    .select(['year', 'version', 'note', 'created_at', 'created_by'])
    .orderBy('year', 'desc')
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({ year: r.year, version: r.version, note: r.note, createdAt: r.created_at }));
}

/**
 * Saves the next version of a year's scheme. `version` is the version the editor loaded (0: the year has none yet);
 * a stale one is 409 VERSION_CONFLICT, two concurrent saves collide on `unique (year, version)` (409). Past years are
 * closed: their scores must read the same whenever they are computed.
 */
export async function saveScheme(db: Kysely<DB>, actor: Actor, year: number, currentYear: number, body: SchemeInput & { version: number }) {
  if (year < currentYear) throw stateError(`${String(year)} 年度已结束，考核方案不能再修改（往年考核结果按当年方案复现）`);
  const parsed = schemeInputSchema.safeParse(body);
  if (!parsed.success) throw validationError(schemeInputSchema, parsed.error.issues);
  const segments = await db.selectFrom('coverage_segments').select('code').execute();
  const known = new Set(segments.map((s) => s.code));
  const unknown = parsed.data.indicators.findIndex((i) => i.kind === 'coverage' && !known.has(i.segment ?? ''));
  if (unknown >= 0) throw validationError(schemeInputSchema, [{ path: ['indicators', unknown, 'segment'], message: '企业类别不存在' }]);
  return db.transaction().execute(async (trx) => {
    // the version the editor loaded must still be the newest; `unique (year, version)` decides between concurrent saves
    const current = await trx
      .selectFrom('assessment_schemes')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('year', '=', year)
      .executeTakeFirst();
    if (Number(current?.v ?? 0) !== body.version) throw versionConflict(Number(current?.v ?? 0));
    const inserted = await trx
      .insertInto('assessment_schemes')
      .values({
        year,
        version: body.version + 1,
        indicators: JSON.stringify(parsed.data.indicators),
        grades: JSON.stringify(parsed.data.grades),
        note: parsed.data.note ?? null,
        created_by: actor.accountId,
      })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: 'assessment.scheme.save',
      targetType: 'assessment_scheme',
      targetId: inserted.id,
      details: {
        year,
        version: inserted.version,
        weights: parsed.data.indicators.map((i) => `${i.kind}${i.segment ? `:${i.segment}` : ''}=${String(i.weight)}`),
        grades: parsed.data.grades.map((g) => `${g.label}≥${String(g.min)}`),
      },
    });
    return { year, version: inserted.version };
  });
}
