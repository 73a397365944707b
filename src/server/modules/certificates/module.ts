import type { ServerModule } from '../module';
import { certificateRoutes } from './routes';

export const certificatesModule: ServerModule = { name: 'certificates', routes: [certificateRoutes] };
