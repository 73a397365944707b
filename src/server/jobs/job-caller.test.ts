import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../domain/uscc';
import { IMPORT_COLUMNS } from '../modules/enterprises/excel';
import { thisYear } from '../testing/dates';
import { multipartBody, xlsxBuffer } from '../testing/files';
import { expectStatus } from '../testing/http';
import { createTestApp, type TestApp } from '../testing/test-app';
import { jobCaller } from './job-caller';

/**
 * A job that acts in its owner's scope loads the owner's account when it runs (`jobCaller`) and scopes with
 * `scopeOf` then: one queued by an account whose unit changed before it ran acts on the account's present scope, not
 * the one it was queued under (the roster import, the study reminder, the 催报 of training plans).
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** Accounts moved by a test, with the unit each goes back to. */
const moved = new Map<string, number>();
afterEach(async () => {
  for (const [username, orgUnitId] of moved)
    await t.db.updateTable('accounts').set({ org_unit_id: orgUnitId, status: 'active' }).where('username', '=', username).execute();
  moved.clear();
});

async function moveAccount(username: string, code: string): Promise<void> {
  const account = await t.db.selectFrom('accounts').select('org_unit_id').where('username', '=', username).executeTakeFirstOrThrow();
  if (!moved.has(username)) moved.set(username, account.org_unit_id);
  const unit = await t.db.selectFrom('org_units').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  await t.db.updateTable('accounts').set({ org_unit_id: unit.id }).where('username', '=', username).execute();
}

async function finished(jobId: number) {
  while (await t.ctx.jobs.runOnce()) {
    /* drain */
  }
  return t.db.selectFrom('jobs').select(['status', 'error', 'result']).where('id', '=', jobId).executeTakeFirstOrThrow();
}

const rosterFile = (unitCode: string, serials: number[]) =>
  xlsxBuffer(
    IMPORT_COLUMNS.map((c) => c.header),
    serials.map((n) => {
      const values: Record<string, string> = {
        uscc: makeUscc(unitCode, n),
        name: `范围测试${String(n)}有限公司`,
        orgUnitCode: unitCode,
        industryCode: '36',
        scale: '小型',
        ownership: '民营',
        aboveScale: '否',
        status: '在营',
      };
      return IMPORT_COLUMNS.map((c) => values[c.key] ?? null);
    }),
  );

async function queueImport(username: string, file: Buffer): Promise<number> {
  const { payload, headers } = multipartBody('名录.xlsx', file);
  const res = expectStatus(
    await t.app.inject({ method: 'POST', url: '/api/enterprises/imports', headers: { ...(await t.as(username)), ...headers }, payload }),
    202,
  );
  return res.json<{ jobId: number }>().jobId;
}

const enterprisesNamed = async (usccs: string[]) => (await t.db.selectFrom('enterprises').select('uscc').where('uscc', 'in', usccs).execute()).length;

describe('jobs scope as their owner stands when they run', () => {
  it('the roster import: rows of the unit the importer left are refused, rows of its new unit load', async () => {
    // queued by 昆山市's bureau; before the jobs run the account moves to 姑苏区
    const leftBehind = await queueImport('kunshan', await rosterFile('320583', [7101, 7102]));
    const newUnit = await queueImport('kunshan', await rosterFile('320508', [7103]));
    await moveAccount('kunshan', '320508');

    const refused = await finished(leftBehind);
    expect(refused).toMatchObject({ status: 'succeeded', result: { ok: false, rows: 2, badRows: 2 } });
    expect(await enterprisesNamed([makeUscc('320583', 7101), makeUscc('320583', 7102)])).toBe(0);

    const loaded = await finished(newUnit);
    expect(loaded).toMatchObject({ status: 'succeeded', result: { ok: true, rows: 1, inserted: 1 } });
    expect(await enterprisesNamed([makeUscc('320508', 7103)])).toBe(1);
  });

  it('the roster import: staging resumed after the importer moved checks every row again, in the new scope', async () => {
    // a run that staged row 1 in 昆山市 (its checkpoint keeps the importer as it stood), then stopped; the account moved
    const jobId = await queueImport('kunshan', await rosterFile('320583', [7301, 7302]));
    const kunshan = await t.db.selectFrom('accounts').select('id').where('username', '=', 'kunshan').executeTakeFirstOrThrow();
    const owner = await jobCaller(t.db, kunshan.id, 'enterprises:manage');
    const checkpoint = { phase: 'stage', staged: 1, loaded: 0, inserted: 0, updated: 0, unchanged: 0, skipped: 0, owner };
    await t.db
      .updateTable('jobs')
      .set({ checkpoint: JSON.stringify(checkpoint) })
      .where('id', '=', jobId)
      .execute();
    await t.db
      .insertInto('enterprise_import_rows')
      .values({ job_id: jobId, row_no: 1, data: JSON.stringify({}), errors: [] })
      .execute();
    await moveAccount('kunshan', '320508');
    // both 昆山市 rows are out of the new scope: neither loads, and the report names both, not only the unstaged one
    expect(await finished(jobId)).toMatchObject({ status: 'succeeded', result: { ok: false, rows: 2, badRows: 2 } });
    expect(await enterprisesNamed([makeUscc('320583', 7301), makeUscc('320583', 7302)])).toBe(0);
  });

  it('the roster import: a disabled account, or one no longer allowed to import, imports nothing', async () => {
    const disabled = await queueImport('kunshan', await rosterFile('320583', [7201]));
    moved.set('kunshan', (await t.db.selectFrom('accounts').select('org_unit_id').where('username', '=', 'kunshan').executeTakeFirstOrThrow()).org_unit_id);
    await t.db.updateTable('accounts').set({ status: 'disabled' }).where('username', '=', 'kunshan').execute();
    expect(await finished(disabled)).toMatchObject({ status: 'failed', error: expect.stringContaining('提交任务的账户已停用或不存在') as unknown });

    await t.db.updateTable('accounts').set({ status: 'active' }).where('username', '=', 'kunshan').execute();
    const demoted = await queueImport('kunshan', await rosterFile('320583', [7202]));
    await t.db.updateTable('accounts').set({ role: 'department' }).where('username', '=', 'kunshan').execute();
    try {
      expect(await finished(demoted)).toMatchObject({ status: 'failed', error: expect.stringContaining('提交任务的账户已不再具有该项权限') as unknown });
    } finally {
      await t.db.updateTable('accounts').set({ role: 'county_admin' }).where('username', '=', 'kunshan').execute();
    }
    expect(await enterprisesNamed([makeUscc('320583', 7201), makeUscc('320583', 7202)])).toBe(0);
    // and leaves nothing staged behind
    expect(await t.db.selectFrom('enterprise_import_rows').select('job_id').where('job_id', 'in', [disabled, demoted]).execute()).toEqual([]);
  });

  it('the study reminder reaches the officers of the bureau’s present region only', async () => {
    const year = thisYear();
    const officer = await t.db.selectFrom('accounts').select('id').where('username', '=', 'officer-kunshan-1').executeTakeFirstOrThrow();
    const notices = async () =>
      (await t.db.selectFrom('notifications').select('id').where('account_id', '=', officer.id).where('kind', '=', 'study.behind').execute()).length;
    const before = await notices();

    // queued by 昆山市 (where the officer is behind), run after the account moved to 玄武区
    const queued = expectStatus(
      await t.app.inject({ method: 'POST', url: '/api/study/overview/remind-behind', headers: await t.as('kunshan'), payload: { year } }),
      202,
    );
    await moveAccount('kunshan', '320102');
    expect(await finished(queued.json<{ jobId: number }>().jobId)).toMatchObject({ status: 'succeeded' });
    expect(await notices()).toBe(before);

    // the same reminder run from 昆山市 reaches them (the officer is behind: the control)
    await t.db
      .updateTable('accounts')
      .set({ org_unit_id: moved.get('kunshan') ?? 0 })
      .where('username', '=', 'kunshan')
      .execute();
    const control = expectStatus(
      await t.app.inject({ method: 'POST', url: '/api/study/overview/remind-behind', headers: await t.as('kunshan'), payload: { year } }),
      202,
    );
    expect(await finished(control.json<{ jobId: number }>().jobId)).toMatchObject({ status: 'succeeded' });
    expect(await notices()).toBe(before + 1);
  });

  it('the 催报 of training plans chases the bureaus below the chaser’s present unit', async () => {
    const year = thisYear();
    const inbox = async (username: string) =>
      (
        await t.db
          .selectFrom('notifications as n')
          .innerJoin('accounts as a', 'a.id', 'n.account_id')
          .select('n.id')
          .where('a.username', '=', username)
          .where('n.kind', '=', 'training_plan.chase')
          .execute()
      ).length;
    // 昆山市 and 玄武区 owe their plans of the year (a returned plan is not filed)
    const owing = t.db.selectFrom('org_units').select('id').where('code', 'in', ['320583', '320102']);
    await t.db.updateTable('training_plans').set({ status: 'returned' }).where('year', '=', year).where('org_unit_id', 'in', owing).execute();

    // queued by 苏州市, run after the account moved to 南京市
    const queued = expectStatus(
      await t.app.inject({ method: 'POST', url: '/api/training-plans/chase', headers: await t.as('suzhou'), payload: { year } }),
      202,
    );
    await moveAccount('suzhou', '320100');
    expect(await finished(queued.json<{ jobId: number }>().jobId)).toMatchObject({ status: 'succeeded' });
    expect(await inbox('kunshan')).toBe(0);
    expect(await inbox('gusu')).toBe(0);
    expect(await inbox('xuanwu')).toBe(1);
  });
});
