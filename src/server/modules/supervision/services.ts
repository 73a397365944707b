import type { AppContext } from '../../context';
import { CertificateService } from '../certificates/service';
import { DutyRecordService } from './duty-records';
import { ExpertDrawService } from './expert-draws';
import { ExpertPoolService } from './expert-pool';
import { SupervisionPublicService } from './public-service';
import { SanctionService } from './sanctions';

/** The supervision module's services, wired from the app context (the only place here that reads ctx.db). */
export function supervisionServices(ctx: AppContext) {
  return {
    duty: new DutyRecordService(ctx.db, ctx.settings),
    experts: new ExpertPoolService(ctx.db),
    draws: new ExpertDrawService(ctx.db),
    sanctions: new SanctionService(ctx.db, new CertificateService(ctx.crypto)),
    publicService: new SupervisionPublicService(ctx.db, ctx.settings),
  };
}
