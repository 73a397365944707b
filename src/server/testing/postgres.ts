import crypto from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase } from '../db/database';

/** URL helpers for tests on a PostgreSQL server (TEST_DATABASE_URL points at any database on it). */
export function databaseUrlFor(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The maintenance database, from which test databases are created and dropped. */
export const adminUrl = (url: string): string => databaseUrlFor(url, 'postgres');

/** An empty database of the test's own on the TEST_DATABASE_URL server (`url`), dropped by `drop()`. */
export async function createScratchDatabase(testUrl: string, prefix: string): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${crypto.randomBytes(4).toString('hex')}`;
  const onAdmin = async (statement: string) => {
    const admin = await openDatabase({ databaseUrl: adminUrl(testUrl), poolSize: 1 });
    try {
      await sql.raw(statement).execute(admin.db);
    } finally {
      await admin.close();
    }
  };
  await onAdmin(`create database ${name}`);
  return { name, url: databaseUrlFor(testUrl, name), drop: () => onAdmin(`drop database if exists ${name} with (force)`) };
}
