import type { FileStoreConfig } from '../config';
import type { Database, DatabaseKind } from '../db/database';
import { DatabaseFileStore } from './database-file-store';
import type { FileStore } from './file-store';
import { S3FileStore } from './s3-file-store';

/** The configured file store: the system's database by default, or an S3-compatible bucket. */
export function openFileStore(config: FileStoreConfig, db: Database, dbKind: DatabaseKind): FileStore {
  return config.kind === 's3' ? new S3FileStore(config.s3) : new DatabaseFileStore(db, dbKind);
}
