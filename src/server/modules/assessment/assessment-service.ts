import { INDICATOR_INFO, INDICATOR_KINDS, type SchemeInput } from '../../../domain/assessment';
import { hasPermission } from '../../../domain/permissions';
import { DUTY_CLAUSES, DUTY_KINDS, type DutyKindKey } from '../../../domain/supervision';
import { recordAuditAlone, type Actor } from '../../audit/audit-log';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import type { SettingsService } from '../settings/service';
import { CoverageService, currentYear } from '../coverage/service';
import { assessment } from './service';
import { listSchemeVersions, saveScheme, schemeFor } from './schemes';

/**
 * 考核 as data (policy §八): the yearly schemes the province keeps (read and written on the primary) and the
 * results computed from the report replica (`dbRead`).
 */
export class AssessmentService {
  constructor(
    private readonly db: Database,
    private readonly dbRead: Database,
    private readonly settings: SettingsService,
  ) {}

  /** Every scheme version, with what the editor offers (indicator kinds, segments, duty kinds) and whether the caller may edit. */
  async schemes(caller: SessionAccount) {
    const segments = await new CoverageService(this.db).segments();
    return {
      versions: await listSchemeVersions(this.db),
      kinds: INDICATOR_KINDS.map((kind) => ({ kind, ...INDICATOR_INFO[kind] })),
      segments: segments.map((s) => ({ code: s.code, name: s.name })),
      dutyKinds: (Object.keys(DUTY_KINDS) as DutyKindKey[]).map((kind) => ({ kind, label: DUTY_KINDS[kind], clause: DUTY_CLAUSES[kind].clause })),
      currentYear: currentYear(),
      canEdit: hasPermission(caller.role, 'targets:manage'),
    };
  }

  scheme(year: number, version: number | undefined) {
    return schemeFor(this.db, year, version);
  }

  saveScheme(actor: Actor, year: number, body: SchemeInput & { version: number }) {
    return saveScheme(this.db, actor, year, currentYear(), body);
  }

  /** The caller region's results of a year (the current one when not given). */
  results(caller: SessionAccount, year: number | undefined, version: number | undefined) {
    return assessment(this.dbRead, this.settings, caller, year ?? currentYear(), version);
  }

  /** The results for the Excel export, the export audited. */
  async exportResults(caller: SessionAccount, actor: Actor, year: number | undefined, version: number | undefined) {
    const result = await this.results(caller, year, version);
    await recordAuditAlone(this.db, actor, {
      action: 'assessment.export',
      targetType: 'assessment',
      targetId: result.year,
      details: {
        year: result.year,
        schemeYear: result.scheme.year,
        schemeVersion: result.scheme.version,
        rows: result.rows.length,
        orgUnit: caller.orgUnitName,
      },
    });
    return result;
  }
}
