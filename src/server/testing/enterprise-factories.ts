import fs from 'node:fs';
import ExcelJS from 'exceljs';
import divisions from '../db/seed/jiangsu-divisions.json' with { type: 'json' };
import { IMPORT_COLUMNS } from '../modules/enterprises/excel';
import { makeUscc } from '../../domain/uscc';
import { thisYear } from './dates';
import type { TestApp } from './test-app';

/**
 * Writes a province-wide roster of `rows` valid, distinct enterprises spread over every county, in the import
 * template's columns, with the streaming writer (for the cluster test and the import benchmark). `serialStart`
 * keeps the USCCs of different generators apart; names are `<namePrefix><n>号制造有限公司`.
 */
export async function writeRosterWorkbook(
  file: string,
  rows: number,
  o: { year: number; namePrefix: string; serialStart: number; phonePrefix: string },
): Promise<void> {
  const counties = divisions.cities.flatMap((c) => c.counties.map((k) => k.code));
  const trades = ['34', '35', '36', '38', '39', '26', '29', '17', '14', '33'];
  const stream = fs.createWriteStream(file);
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: false });
  const sheet = book.addWorksheet('企业名录');
  sheet.addRow(IMPORT_COLUMNS.map((c) => c.header)).commit();
  for (let i = 0; i < rows; i++) {
    const county = counties[i % counties.length] ?? '320583';
    const above = i % 10 === 0;
    const byField: Record<string, string | number> = {
      uscc: makeUscc(county, o.serialStart + i),
      name: `${o.namePrefix}${i + 1}号制造有限公司`,
      orgUnitCode: county,
      address: `江苏省某市某区工业大道${(i % 999) + 1}号`,
      legalRepresentative: '张三',
      contactPerson: '李四',
      contactPhone: `${o.phonePrefix}${String(i).padStart(8, '0')}`,
      industryCode: trades[i % trades.length] ?? '34',
      scale: above ? '中型' : '小型',
      ownership: '民营',
      aboveScale: above ? '是' : '否',
      aboveScaleYear: above ? o.year : '',
      status: '在营',
    };
    sheet.addRow(IMPORT_COLUMNS.map((c) => byField[c.input.field] ?? '')).commit();
  }
  sheet.commit();
  await book.commit();
  await new Promise<void>((resolve) => (stream.closed ? resolve() : stream.on('close', () => resolve())));
}

/**
 * An enterprise account for a roster enterprise of the county `code` with no officer and no filing under way (the demo
 * data has enterprise accounts in 昆山市 only). The account row is written directly, with the demo password's hash.
 */
export async function enterpriseAccountIn(t: TestApp, code: string, username: string): Promise<{ enterpriseId: number; headers: Record<string, string> }> {
  const e = await t.db
    .selectFrom('enterprises as e')
    .innerJoin('org_units as o', 'o.id', 'e.org_unit_id')
    .select(['e.id', 'e.org_unit_id'])
    .where('o.code', '=', code)
    .where('e.has_active_officer', '=', false)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('filings as f').select('f.id').whereRef('f.enterprise_id', '=', 'e.id').where('f.status', 'in', ['draft', 'submitted', 'returned']),
        ),
      ),
    )
    .orderBy('e.id')
    .executeTakeFirstOrThrow();
  const template = await t.db.selectFrom('accounts').select('password_hash').where('username', '=', 'ent-kunshan-1').executeTakeFirstOrThrow();
  await t.db
    .insertInto('accounts')
    .values({
      username,
      display_name: username,
      role: 'enterprise',
      org_unit_id: e.org_unit_id,
      enterprise_id: e.id,
      password_hash: template.password_hash,
      must_change_password: false,
    })
    .execute();
  return { enterpriseId: e.id, headers: await t.as(username) };
}

/** The body of `POST /api/enterprises` for a medium private 规上 manufacturer in 昆山市, with `over` replacing fields. */
export const enterpriseBody = (over: Record<string, unknown> = {}) => ({
  uscc: makeUscc('320583', 1001),
  name: '昆山测试精密机械有限公司',
  orgUnitCode: '320583',
  industryCode: '34',
  scale: 'medium',
  ownership: 'private',
  aboveScale: true,
  aboveScaleYear: thisYear(),
  contactPhone: '0512-57000000',
  ...over,
});
