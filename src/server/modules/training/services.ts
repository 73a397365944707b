import type { AppContext } from '../../context';
import { CertificateBatchIssue } from './issue-job';
import { TrainingService } from './service';

/** The training module's services, wired from the app context (routes never touch the database handle). */
export function trainingServices(ctx: AppContext) {
  return {
    training: new TrainingService(ctx.db, ctx.crypto, ctx.settings, ctx.config.publicUrl),
    certificateBatch: new CertificateBatchIssue(ctx.db, ctx.jobs),
  };
}
