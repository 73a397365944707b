import type { ServerModule } from '../module';
import { communityCaseRoutes } from './routes';
import { caseSource } from './search-source';

export const communityCasesModule: ServerModule = { name: 'community-cases', routes: [communityCaseRoutes], searchSources: [caseSource] };
