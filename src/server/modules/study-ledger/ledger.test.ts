import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../testing/test-app';
import type { OpenedDatabase } from '../../db/database';
import { addStudyMinutes, revokeStudyLines, setStudyMinutes, studyMinutesFor } from './ledger';

let opened: OpenedDatabase;
let personId: number;

beforeAll(async () => {
  opened = await openTestDatabase();
  // a person without demo study lines (the demo data credits training classes)
  const person = await opened.db
    .selectFrom('persons as p')
    .select('p.id')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('study_ledger_entries as l').select('l.id').whereRef('l.person_id', '=', 'p.id'))))
    .orderBy('p.id')
    .executeTakeFirstOrThrow();
  personId = person.id;
});
afterAll(async () => {
  await opened.close();
});

const line = (sourceRef: string) => ({ year: 2031, title: '测试', occurredOn: '2031-03-01', sourceRef });

describe('study ledger', () => {
  it('sets a line idempotently, accrues another, and sums per source', async () => {
    await opened.db.transaction().execute(async (trx) => {
      await setStudyMinutes(trx, { personId, source: 'training', minutes: 360, ...line('training_class:1') });
      await setStudyMinutes(trx, { personId, source: 'training', minutes: 360, ...line('training_class:1') });
      await addStudyMinutes(trx, { personId, source: 'self_study', minutes: 10, ...line('course:1') });
      await addStudyMinutes(trx, { personId, source: 'self_study', minutes: 5, ...line('course:1') });
    });
    const totals = (await studyMinutesFor(opened.db, [personId], 2031)).get(personId);
    expect(totals).toEqual({ total: 375, online: 15, bySource: { training: 360, self_study: 15 } });
  });

  it('revokes a basis and keeps the line; setting it again re-credits it', async () => {
    const revoked = await opened.db
      .transaction()
      .execute((trx) => revokeStudyLines(trx, { source: 'training', sourceRef: 'training_class:1', personId }, '证书撤销'));
    expect(revoked).toBe(1);
    expect((await studyMinutesFor(opened.db, [personId], 2031)).get(personId)?.total).toBe(15);
    const kept = await opened.db
      .selectFrom('study_ledger_entries')
      .select(['status', 'status_reason'])
      .where('source_ref', '=', 'training_class:1')
      .where('person_id', '=', personId)
      .where('year', '=', 2031)
      .executeTakeFirstOrThrow();
    expect(kept).toEqual({ status: 'revoked', status_reason: '证书撤销' });
    await opened.db.transaction().execute((trx) => setStudyMinutes(trx, { personId, source: 'training', minutes: 300, ...line('training_class:1') }));
    expect((await studyMinutesFor(opened.db, [personId], 2031)).get(personId)?.total).toBe(315);
  });

  it('refuses negative or fractional minutes', async () => {
    await expect(opened.db.transaction().execute((trx) => setStudyMinutes(trx, { personId, source: 'offline', minutes: -1, ...line('x') }))).rejects.toThrow(
      /non-negative/,
    );
    await expect(opened.db.transaction().execute((trx) => addStudyMinutes(trx, { personId, source: 'offline', minutes: 1.5, ...line('x') }))).rejects.toThrow(
      /non-negative/,
    );
  });
});
