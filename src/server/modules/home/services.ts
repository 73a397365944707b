import type { SessionAccount } from '../../auth/session-store';
import type { AppContext } from '../../context';
import type { Database } from '../../db/database';
import type { SettingsService } from '../settings/service';
import { todoFor, type Todo } from './todo';

/** The home page's to-do, counted with the study settings in force. */
export class HomeService {
  constructor(
    private readonly db: Database,
    private readonly settings: SettingsService,
  ) {}

  async todo(caller: SessionAccount): Promise<Todo> {
    return todoFor(this.db, caller, await this.settings.studySettings());
  }
}

/** The home module's services, wired from the app context (routes never touch the database handle). */
export function homeServices(ctx: AppContext) {
  return { home: new HomeService(ctx.db, ctx.settings) };
}
