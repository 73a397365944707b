import type { Actor } from '../../audit/audit-log';
import { clock } from '../../clock';
import type { Database } from '../../db/database';
import type { SettingsService, StudySettings } from '../settings/service';
import { keepClosedStudyTargets } from './closed-targets';

/** The study settings (minutes per hour, annual targets, reminders) as the province edits them. */
export class StudySettingsEditor {
  constructor(
    private readonly db: Database,
    private readonly settings: SettingsService,
  ) {}

  async current() {
    return {
      ...(await this.settings.studySettings()),
      version: await this.settings.version('study'),
      // years before it are closed (policy 八): their targets are shown, not edited
      firstOpenYear: clock.year(),
    };
  }

  /** Saves the settings (the targets of closed years are kept as they were) and answers them as now in force. */
  async update(actor: Actor, value: StudySettings, version: number) {
    await this.settings.update(actor, 'study', await keepClosedStudyTargets(this.db, value), version);
    return { ...(await this.settings.studySettings()), version: await this.settings.version('study'), firstOpenYear: clock.year() };
  }
}
