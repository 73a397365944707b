import type { ServerModule } from '../module';
import { settingsRoutes } from './routes';

export const settingsModule: ServerModule = { name: 'settings', routes: [settingsRoutes] };
