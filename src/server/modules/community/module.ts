import type { ServerModule } from '../module';
import { communityRoutes } from './routes';

export const communityModule: ServerModule = {
  name: 'community',
  // the community search also covers what other modules lend it (the cases' source)
  routes: [(app, ctx, lent) => communityRoutes(app, ctx, [...lent.searchSources])],
};
