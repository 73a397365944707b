import type { ColumnType, Generated } from 'kysely';
import type { RequiredTimestamp } from './column-types';

/** One file of the database file store (storage/database-file-store.ts); readable once `complete`. */
export interface StoredFilesTable {
  key: string;
  bytes: Generated<number>;
  chunk_bytes: number;
  complete: Generated<boolean>;
  created_at: RequiredTimestamp;
}

/** The bytes of a stored file: chunk `seq` holds bytes [seq × chunk_bytes, (seq + 1) × chunk_bytes). */
export interface FileChunksTable {
  file_key: string;
  seq: number;
  data: ColumnType<Uint8Array, Uint8Array, Uint8Array>;
}

export interface FileTables {
  stored_files: StoredFilesTable;
  file_chunks: FileChunksTable;
}
