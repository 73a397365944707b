import type { ServerModule } from '../module';
import { studyRoutes } from './routes';

export const studyModule: ServerModule = { name: 'study', routes: [studyRoutes] };
