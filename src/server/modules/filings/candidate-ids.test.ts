import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckCharacter } from '../../../domain/id-number';
import { clock } from '../../clock';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { enterpriseAccountIn } from '../../testing/enterprise-factories';
import { expectStatus } from '../../testing/http';

/**
 * Issue 16 item 1: adding a candidate must not tell an enterprise whether the ID number was on file. The answer
 * carries the enterprise's own candidate id, drawn at random for each add, never the sequential persons.id (an old,
 * low id for a known person, a fresh one for a new number), and no answer to the enterprise carries a person id.
 */
let t: TestApp;
let ent: Record<string, string>;
let enterpriseId: number;
beforeAll(async () => {
  t = await createTestApp();
  ({ enterpriseId, headers: ent } = await enterpriseAccountIn(t, '320583', 'ent-candidate-ids'));
});
afterAll(async () => {
  await t.close();
});

const idNumber = (body: string) => body + idNumberCheckCharacter(body);
const facts = { education: 'master', qualityYears: 8, positionTitle: '质量总监', positionLevel: 'manager' };
const add = (headers: Record<string, string>, name: string, id: string) =>
  t.app.inject({ method: 'POST', url: '/api/candidates', headers, payload: { name, idNumber: id, ...facts } });

/** Persons on file with their ID numbers, oldest first (demo officers of other enterprises). */
async function knownPersons(n: number) {
  const rows = await t.db.selectFrom('persons').select(['id', 'name', 'id_number_enc']).orderBy('id').limit(n).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, idNumber: t.ctx.crypto.decrypt(r.id_number_enc) }));
}

describe('adding a candidate gives one neutral answer', () => {
  it('a known ID number and a new one get the same status, the same fields and ids that reveal neither existence nor order', async () => {
    const known = await knownPersons(5);
    const fresh = ['32058319900101', '32058319900202', '32058319900303', '32058319900404', '32058319900505'].map((b, i) => ({
      name: `新候选${String(i)}`,
      idNumber: idNumber(`${b}123`),
    }));
    const answers = [];
    // interleaved: known, new, known, new…
    for (let i = 0; i < 5; i++) {
      for (const p of [known[i], fresh[i]]) {
        if (!p) throw new Error('no demo person');
        answers.push({ known: p === known[i], res: await add(ent, p.name, p.idNumber) });
      }
    }
    const maxPersonId = Number(
      (
        await t.db
          .selectFrom('persons')
          .select((eb) => eb.fn.max('id').as('m'))
          .executeTakeFirstOrThrow()
      ).m,
    );
    for (const { res } of answers) {
      expect(res.statusCode).toBe(201);
      expect(res.headers['content-type']).toBe(answers[0]?.res.headers['content-type']);
      expect(Object.keys(res.json() as object)).toEqual(['id']);
      expect(typeof res.json().id).toBe('number');
    }
    const ids = answers.map((a) => a.res.json().id as number);
    expect(new Set(ids).size).toBe(ids.length);
    // the persons behind them: the known ones have old, low ids, the new ones the newest — the answers show neither
    const rows = await t.db.selectFrom('candidates').select(['id', 'person_id']).where('enterprise_id', '=', enterpriseId).where('id', 'in', ids).execute();
    expect(rows).toHaveLength(ids.length);
    const personOf = new Map(rows.map((r) => [r.id, r.person_id]));
    for (const [i, a] of answers.entries()) {
      const personId = personOf.get(ids[i] ?? 0);
      expect(personId).toBeDefined();
      expect(ids[i]).not.toBe(personId);
      if (a.known) expect(personId).toBe(known[Math.floor(i / 2)]?.id);
      else expect(personId).toBeGreaterThan(known[4]?.id ?? 0);
    }
    // random over 2^48: far above any sequential id, and not in the order of the adds (either way round)
    for (const id of ids) expect(id).toBeGreaterThan(maxPersonId * 1000);
    const ascending = ids.every((id, i) => i === 0 || id > (ids[i - 1] ?? 0));
    const descending = ids.every((id, i) => i === 0 || id < (ids[i - 1] ?? 0));
    expect(ascending || descending).toBe(false);
    // the candidate list carries the same ids and nothing about the person record
    const list = (await t.app.inject({ url: '/api/candidates', headers: ent })).json() as { id: number }[];
    expect(list.map((c) => c.id).sort()).toEqual([...ids].sort());
  });

  it('each enterprise gets its own id for one person; adding again returns the same one', async () => {
    const other = await enterpriseAccountIn(t, '320508', 'ent-candidate-ids-2');
    const [p] = await knownPersons(1);
    if (!p) throw new Error('no demo person');
    const mine = (await add(ent, p.name, p.idNumber)).json().id as number;
    const theirs = (await add(other.headers, p.name, p.idNumber)).json().id as number;
    expect(theirs).not.toBe(mine);
    expect((await add(ent, p.name, p.idNumber)).json().id).toBe(mine);
    // one enterprise's candidate id means nothing to the other
    expect(
      (await t.app.inject({ method: 'PUT', url: `/api/candidates/${String(mine)}`, headers: other.headers, payload: { ...facts, version: 1 } })).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/candidates/${String(mine)}`, headers: other.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/api/candidates/${String(mine)}/invitations`, headers: other.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/candidates/${String(mine)}/qualifications`, headers: other.headers })).statusCode).toBe(404);
  });

  it('filings answer the enterprise with its candidate id and no person id; a bureau still sees the person id', async () => {
    const c = (await add(ent, '周备案', idNumber('32058319880808123'))).json().id as number;
    const draft = await t.app.inject({
      method: 'POST',
      url: '/api/filings',
      headers: ent,
      payload: { candidateId: c, appointmentDate: clock.today(), reportsToGeneralManager: true, vetoRight: true },
    });
    expect(draft.statusCode).toBe(201);
    expect(draft.json()).toMatchObject({ candidateId: c, personId: null, person: { id: null, name: '周备案' } });
    const listed = (await t.app.inject({ url: '/api/filings', headers: ent })).json().items as {
      id: number;
      personId: number | null;
      candidateId: number | null;
    }[];
    expect(listed.find((f) => f.id === draft.json().id)).toMatchObject({ personId: null, candidateId: c });
    const { person_id: personId } = await t.db.selectFrom('filings').select('person_id').where('id', '=', draft.json().id).executeTakeFirstOrThrow();
    const bureau = (await t.app.inject({ url: `/api/filings/${String(draft.json().id)}`, headers: await t.as('kunshan') })).json();
    expect(bureau).toMatchObject({ personId, candidateId: null, person: { id: personId } });
    // the enterprise cannot find its candidate by the person id either
    expect((await t.app.inject({ url: `/api/persons/${String(personId)}/qualifications`, headers: ent })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/candidates/${String(c)}/qualifications`, headers: ent })).statusCode).toBe(200);
    expectStatus(await t.app.inject({ method: 'POST', url: `/api/filings/${String(draft.json().id)}/withdraw`, headers: ent }), 200);
  });
});
