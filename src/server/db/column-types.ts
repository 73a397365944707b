import type { ColumnType } from 'kysely';

/** A timestamp column with a default (`created_at`, `updated_at`…): optional on insert. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A timestamp column without a default (`expires_at`, `starts_at`…): required on insert. */
export type RequiredTimestamp = ColumnType<Date, Date | string, Date | string>;
export type TimestampNullable = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** A JSON column without a default, written as JSON text. */
export type Json<T> = ColumnType<T, string, string>;
/** A JSON column with a default (`'{}'::jsonb`…): optional on insert. */
export type JsonWithDefault<T> = ColumnType<T, string | undefined, string>;
export type JsonNullable<T> = ColumnType<T | null, string | null | undefined, string | null>;
/** A date column, read as 'YYYY-MM-DD' by both drivers. */
export type DateColumn = ColumnType<string, string, string>;
export type DateColumnNullable = ColumnType<string | null, string | null | undefined, string | null>;
