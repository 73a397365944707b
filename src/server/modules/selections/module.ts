import type { ServerModule } from '../module';
import { selectionPublicRoutes } from './public-routes';
import { selectionRoutes } from './routes';

export const selectionsModule: ServerModule = { name: 'selections', routes: [selectionRoutes, selectionPublicRoutes] };
