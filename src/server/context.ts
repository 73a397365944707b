import type { Config } from './config';
import type { CryptoService } from './crypto/index';
import type { Database, DatabaseKind } from './db/database';
import type { JobRunner } from './jobs/runner';
import type { SettingsService } from './modules/settings/service';
import type { FileStore } from './storage/file-store';

/** What every module gets: built once in app.ts. */
export interface AppContext {
  config: Config;
  db: Database;
  /**
   * Read-only report queries (coverage dashboard, scorecards, worklists, exports, search) go here: the streaming
   * replica of DATABASE_REPLICA_URL, or the primary when none is set. Slightly behind the primary; never write here.
   */
  dbRead: Database;
  dbKind: DatabaseKind;
  crypto: CryptoService;
  settings: SettingsService;
  jobs: JobRunner;
  files: FileStore;
}
