import { z } from 'zod';
import { DEFAULT_SECURITY_POLICY, securityPolicySchema, type SecurityPolicy } from '../../../domain/password-policy';
import { DEFAULT_ANNUAL_TARGET_HOURS, DEFAULT_MINUTES_PER_STUDY_HOUR, DEFAULT_STUDY_REMINDERS } from '../../../domain/study-hours';
import { recordAudit, type Actor } from '../../audit/audit-log';
import type { Database } from '../../db/database';
import { readSetting, settingVersion, writeSetting } from './repository';
import { clock } from '../../clock';
import { studySettingsSchema } from '../../../contract/study';
import { systemSettingsSchema } from '../../../contract/admin';

export type SystemSettings = z.infer<typeof systemSettingsSchema>;
export const DEFAULT_SYSTEM_SETTINGS: SystemSettings = {
  siteTitle: '江苏省企业首席质量官信息管理系统',
  loginNotice: '本系统仅供授权用户使用，所有操作均记入审计日志。',
  filingReviewWorkingDays: 20,
};

/** The annual study account (policy §五): what a 学时 is, the yearly target and when the behind are reminded. */
export { studySettingsSchema };
export type StudySettings = z.infer<typeof studySettingsSchema>;
export const DEFAULT_STUDY_SETTINGS: StudySettings = {
  minutesPerHour: DEFAULT_MINUTES_PER_STUDY_HOUR,
  annualTargetHours: DEFAULT_ANNUAL_TARGET_HOURS,
  targetHoursByYear: {},
  reminders: DEFAULT_STUDY_REMINDERS,
};

const CACHE_MS = 5000;

/**
 * Settings kept in the `settings` table. Read often (every request needs the session policy), so each
 * value is cached for a few seconds; app nodes pick up a change within that time.
 */
export class SettingsService {
  private cache = new Map<string, { value: unknown; at: number }>();

  constructor(private readonly db: Database) {}

  private async cached<T>(key: string, schema: z.ZodType<T>, fallback: T): Promise<T> {
    const hit = this.cache.get(key);
    if (hit && clock.nowMs() - hit.at < CACHE_MS) return hit.value as T;
    const parsed = schema.safeParse(await readSetting(this.db, key));
    const value = parsed.success ? parsed.data : fallback;
    this.cache.set(key, { value, at: clock.nowMs() });
    return value;
  }

  securityPolicy(): Promise<SecurityPolicy> {
    return this.cached('security_policy', securityPolicySchema, DEFAULT_SECURITY_POLICY);
  }

  systemSettings(): Promise<SystemSettings> {
    return this.cached('system', systemSettingsSchema, DEFAULT_SYSTEM_SETTINGS);
  }

  studySettings(): Promise<StudySettings> {
    return this.cached('study', studySettingsSchema, DEFAULT_STUDY_SETTINGS);
  }

  /** The stored version of a setting (0 while only its defaults apply), sent back by the editor with its change. */
  version(key: 'security_policy' | 'system' | 'study'): Promise<number> {
    return settingVersion(this.db, key);
  }

  /** What the login page needs: the system settings and the password rules. */
  async site(): Promise<SystemSettings & { passwordMinLength: number; passwordMinClasses: number }> {
    const policy = await this.securityPolicy();
    return { ...(await this.systemSettings()), passwordMinLength: policy.passwordMinLength, passwordMinClasses: policy.passwordMinClasses };
  }

  /** The system settings with their stored version, for the editor. */
  async systemForEdit(): Promise<SystemSettings & { version: number }> {
    return { ...(await this.systemSettings()), version: await this.version('system') };
  }

  /** Changes the fields sent (the others kept) if the version is still the one loaded; answers the result for the editor. */
  async updateSystem(actor: Actor, sent: Partial<SystemSettings>, expectedVersion: number): Promise<SystemSettings & { version: number }> {
    await this.update(actor, 'system', { ...(await this.systemSettings()), ...sent }, expectedVersion);
    return this.systemForEdit();
  }

  /** The security policy with its stored version, for the editor. */
  async securityPolicyForEdit(): Promise<SecurityPolicy & { version: number }> {
    return { ...(await this.securityPolicy()), version: await this.version('security_policy') };
  }

  /** Replaces the security policy if the version is still the one loaded; answers the result for the editor. */
  async updateSecurityPolicy(actor: Actor, value: SecurityPolicy, expectedVersion: number): Promise<SecurityPolicy & { version: number }> {
    await this.update(actor, 'security_policy', value, expectedVersion);
    return this.securityPolicyForEdit();
  }

  /** Saves a setting if it still has the version the editor loaded (409 VERSION_CONFLICT otherwise). */
  async update(
    actor: Actor,
    key: 'security_policy' | 'system' | 'study',
    value: SecurityPolicy | SystemSettings | StudySettings,
    expectedVersion: number,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await writeSetting(trx, key, value, actor.accountId, expectedVersion);
      await recordAudit(trx, actor, { action: `settings.${key}.update`, targetType: 'setting', targetId: key, details: { ...value } });
    });
    this.cache.delete(key);
  }
}
