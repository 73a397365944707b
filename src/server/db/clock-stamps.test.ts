import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock, useClock, type Clock } from '../clock';
import { openTestDatabase } from '../testing/test-app';
import type { OpenedDatabase } from './database';
import { CLOCK_STAMPED_COLUMNS } from './clock-stamps';

describe('clock-stamped columns', () => {
  let opened: OpenedDatabase;
  let previous: Clock;
  beforeAll(async () => {
    opened = await openTestDatabase();
  });
  afterAll(async () => {
    useClock(previous);
    await opened.close();
  });

  it('lists exactly the columns whose database default is now(), but the job queue’s', async () => {
    const { rows } = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and column_default ilike '%now()%' and table_name <> 'jobs'
      order by 1, 2`.execute(opened.db);
    const fromSchema: Record<string, string[]> = {};
    for (const r of rows) (fromSchema[r.table_name] ??= []).push(r.column_name);
    const listed = Object.fromEntries(Object.entries(CLOCK_STAMPED_COLUMNS).map(([t, cols]) => [t, [...cols].sort()]));
    expect(listed).toEqual(fromSchema);
  });

  it('stamps an insert with the installed clock, and leaves a value the caller set', async () => {
    previous = useClock(new TestClock('2031-02-03T04:05:06Z', { frozen: true }));
    const account = await opened.db.selectFrom('accounts').select('id').where('username', '=', 'kunshan').executeTakeFirstOrThrow();
    const stamped = await opened.db
      .insertInto('sessions')
      .values({ token_hash: 'clock-stamp-test-1', account_id: account.id, expires_at: new Date('2031-02-04T00:00:00Z') })
      .returning(['created_at', 'last_seen_at'])
      .executeTakeFirstOrThrow();
    expect(stamped.created_at.toISOString()).toBe('2031-02-03T04:05:06.000Z');
    expect(stamped.last_seen_at.toISOString()).toBe('2031-02-03T04:05:06.000Z');
    const explicit = new Date('2020-01-01T00:00:00Z');
    const set = await opened.db
      .insertInto('sessions')
      .values({ token_hash: 'clock-stamp-test-2', account_id: account.id, created_at: explicit, expires_at: explicit })
      .returning(['created_at', 'last_seen_at'])
      .executeTakeFirstOrThrow();
    expect(set.created_at.toISOString()).toBe(explicit.toISOString());
    expect(set.last_seen_at.toISOString()).toBe('2031-02-03T04:05:06.000Z');
  });
});
