/** URL helpers for tests on a PostgreSQL server (TEST_DATABASE_URL points at any database on it). */
export function databaseUrlFor(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The maintenance database, from which test databases are created and dropped. */
export const adminUrl = (url: string): string => databaseUrlFor(url, 'postgres');
