import { studyTimePolicy } from '../../../domain/study-time';
import type { AppContext } from '../../context';
import { CertificateService } from '../certificates/service';
import { CourseCatalogue } from './catalogue';
import { ClaimService } from './claims';
import { StudyProgress } from './progress';
import { CoursePublishing } from './publishing';
import { StudyService } from './service';
import { StudySettingsEditor } from './study-settings';
import { StudyTranscripts } from './transcripts';

/** The study module's services, wired from the app context (routes never touch the database handle). */
export function studyServices(ctx: AppContext) {
  return {
    catalogue: new CourseCatalogue(ctx.db, studyTimePolicy(ctx.config.studyHeartbeatSeconds)),
    study: new StudyService(ctx.db, studyTimePolicy(ctx.config.studyHeartbeatSeconds)),
    publishing: new CoursePublishing(ctx.db),
    claims: new ClaimService(ctx.db, ctx.files),
    transcripts: new StudyTranscripts(ctx.db, ctx.settings, new CertificateService(ctx.crypto), ctx.config.publicUrl),
    progress: new StudyProgress(ctx.db, ctx.dbRead, ctx.settings, ctx.jobs),
    settings: new StudySettingsEditor(ctx.db, ctx.settings),
  };
}
