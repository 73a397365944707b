import { sql } from 'kysely';
import type { AppContext } from '../../context';
import type { Database } from '../../db/database';

/** The liveness check's one question: does the database answer? */
export class HealthService {
  constructor(private readonly db: Database) {}

  async databaseAnswers(): Promise<boolean> {
    try {
      await sql`select 1`.execute(this.db);
      return true;
    } catch {
      return false;
    }
  }
}

/** The health module's services, wired from the app context (routes never touch the database handle). */
export function healthServices(ctx: AppContext) {
  return { health: new HealthService(ctx.db) };
}
