import type { ServerModule } from '../module';
import { certificateRoutes } from './routes';

export const certificatesModule: ServerModule = {
  name: 'certificates',
  routes: [certificateRoutes],
  auditActions: {
    'certificate.register.export': '导出证书台账',
  },
};
