import type { Insertable, Selectable } from 'kysely';
import type { DB as Generated } from './schema.generated';
import type { DB } from './types';

/**
 * The hand-written table types (types.ts, tables-*.ts) narrow the generated ones: string unions for checked
 * columns, JSON shapes, documentation. This file makes tsc prove, for every table and column, that they still
 * describe the migrated schema: the same tables and columns, the same nullability, a select type the generated one
 * accepts, and no column optional on insert that the database requires. A migration that adds, drops or changes a
 * column without the hand-written type following fails the typecheck here, naming `table.column`.
 */
type Sel<T, K> = K extends keyof Selectable<T> ? Selectable<T>[K] : never;
type OptionalKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? K : never }[keyof T];

type Dotted<T extends string, C, R extends string> = C extends string ? `${T}.${C}: ${R}` : never;
type IsNullable<T> = null extends T ? true : false;

type ColumnProblems<T extends string, H, D> = {
  [K in keyof H | keyof D]: K extends keyof H
    ? K extends keyof D
      ? IsNullable<Sel<H, K>> extends IsNullable<Sel<D, K>>
        ? IsNullable<Sel<D, K>> extends IsNullable<Sel<H, K>>
          ? [NonNullable<Sel<H, K>>] extends [NonNullable<Sel<D, K>>]
            ? never
            : Dotted<T, K, 'select type differs'>
          : Dotted<T, K, 'nullability differs'>
        : Dotted<T, K, 'nullability differs'>
      : Dotted<T, K, 'column not in the schema'>
    : Dotted<T, K, 'column missing from the hand-written type'>;
}[keyof H | keyof D];

type InsertProblems<T extends string, H, D> =
  | Dotted<T, Exclude<OptionalKeys<Insertable<H>>, OptionalKeys<Insertable<D>>>, 'optional on insert but required by the database'>
  | Dotted<
      T,
      Extract<Exclude<OptionalKeys<Insertable<D>>, OptionalKeys<Insertable<H>>>, keyof Insertable<H>>,
      'required on insert but the database has a default or allows null'
    >;

export type TableProblems = {
  [T in keyof DB | keyof Generated]: T extends string
    ? T extends keyof DB
      ? T extends keyof Generated
        ? ColumnProblems<T, DB[T], Generated[T]> | InsertProblems<T, DB[T], Generated[T]>
        : `${T}: table not in the schema`
      : `${T}: table missing from DB`
    : never;
}[keyof DB | keyof Generated];

/** Fails to compile, listing the problems, when the hand-written types drift from the schema. */
export const schemaConforms: [TableProblems] extends [never] ? true : TableProblems = true;
