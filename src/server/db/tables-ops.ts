import type { ColumnType } from 'kysely';

/** Operations tables: what a node checks at start. */
export interface KeyFingerprintsTable {
  name: 'data' | 'hash' | 'signing' | 'gm-data' | 'gm-hash' | 'gm-signing';
  /** SHA-256 of a domain-separated key (the public key for signing), hex; never the key itself. */
  fingerprint: string;
  /** The short key id (as in ciphertexts and certificates). */
  key_id: string;
  recorded_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface OpsTables {
  key_fingerprints: KeyFingerprintsTable;
}
