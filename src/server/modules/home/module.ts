import type { ServerModule } from '../module';
import { homeRoutes } from './routes';

export const homeModule: ServerModule = { name: 'home', routes: [homeRoutes] };
