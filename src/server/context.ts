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
  dbKind: DatabaseKind;
  crypto: CryptoService;
  settings: SettingsService;
  jobs: JobRunner;
  files: FileStore;
}
