import type { AppContext } from '../../context';
import { CertificateRegisterService } from './register-service';
import { CertificateVerificationService } from './verification';

/** The certificates module's services, wired from the app context (the only place here that reads ctx.db). */
export function certificatesServices(ctx: AppContext) {
  return { register: new CertificateRegisterService(ctx.db), verification: new CertificateVerificationService(ctx.db, ctx.crypto) };
}
