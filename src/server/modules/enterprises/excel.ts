import ExcelJS from 'exceljs';
import {
  ENTERPRISE_SOURCES,
  ENTERPRISE_STATUSES,
  fromLabel,
  INDUSTRY_DIVISIONS,
  INDUSTRY_SECTIONS,
  OWNERSHIPS,
  REVIEW_FLAGS,
  SCALES,
  type ReviewFlag,
} from '../../../domain/enterprise';
import { usccCheckCharacter } from '../../../domain/uscc';
import type { ColumnDef } from '../../excel/workbook';
import type { EnterpriseListRow } from './repository';

/**
 * The enterprise list's columns: one definition drives the import template, the import (by header) and
 * the export. `input` marks importable columns: the input field they fill and how a cell's text maps to it.
 */
export interface EnterpriseColumn extends ColumnDef<EnterpriseListRow> {
  input?: { field: string; required: boolean; example: string; toInput?: (text: string) => unknown };
}

const yesNo = (text: string): boolean | string =>
  ['是', 'Y', 'y', '1', 'TRUE', 'true'].includes(text) ? true : ['否', 'N', 'n', '0', '', 'FALSE', 'false'].includes(text) ? false : text;
const labelOr =
  <T extends string>(dict: Record<T, string>) =>
  (text: string) =>
    fromLabel(dict, text) ?? text;
const exampleUscc = (() => {
  const first17 = '91320583MA1N2B3C4';
  return first17 + usccCheckCharacter(first17);
})();

export const ENTERPRISE_COLUMNS: readonly EnterpriseColumn[] = [
  { header: '统一社会信用代码', key: 'uscc', width: 22, value: (r) => r.uscc, input: { field: 'uscc', required: true, example: exampleUscc } },
  { header: '企业名称', key: 'name', width: 32, value: (r) => r.name, input: { field: 'name', required: true, example: '昆山示例精密机械有限公司' } },
  { header: '所属单位代码', key: 'orgUnitCode', width: 14, value: (r) => r.org_unit_code, input: { field: 'orgUnitCode', required: true, example: '320583' } },
  { header: '所属单位', key: 'orgUnitName', width: 16, value: (r) => r.org_unit_name },
  {
    header: '注册地址',
    key: 'address',
    width: 32,
    value: (r) => r.address,
    input: { field: 'address', required: false, example: '昆山市开发区前进东路 100 号' },
  },
  {
    header: '法定代表人',
    key: 'legalRepresentative',
    value: (r) => r.legal_representative,
    input: { field: 'legalRepresentative', required: false, example: '王建国' },
  },
  { header: '联系人', key: 'contactPerson', value: (r) => r.contact_person, input: { field: 'contactPerson', required: false, example: '李明' } },
  {
    header: '联系电话',
    key: 'contactPhone',
    width: 16,
    value: (r) => r.contact_phone,
    input: { field: 'contactPhone', required: false, example: '13912345678' },
  },
  {
    header: '行业大类代码',
    key: 'industryCode',
    width: 12,
    value: (r) => r.industry_division,
    input: { field: 'industryCode', required: true, example: '34', toInput: (t) => (/^\d$/.test(t) ? `0${t}` : t) },
  },
  { header: '行业大类', key: 'industryName', width: 24, value: (r) => INDUSTRY_DIVISIONS.get(r.industry_division)?.name ?? null },
  {
    header: '企业规模',
    key: 'scale',
    width: 10,
    value: (r) => SCALES[r.scale],
    input: { field: 'scale', required: true, example: '中型', toInput: labelOr(SCALES) },
  },
  {
    header: '经济类型',
    key: 'ownership',
    width: 14,
    value: (r) => OWNERSHIPS[r.ownership],
    input: { field: 'ownership', required: true, example: '民营', toInput: labelOr(OWNERSHIPS) },
  },
  {
    header: '规上企业',
    key: 'aboveScale',
    width: 10,
    value: (r) => (r.above_scale ? '是' : '否'),
    input: { field: 'aboveScale', required: false, example: '是', toInput: yesNo },
  },
  {
    header: '规上年度',
    key: 'aboveScaleYear',
    width: 10,
    value: (r) => r.above_scale_year,
    input: { field: 'aboveScaleYear', required: false, example: '2026', toInput: (t) => (t === '' ? null : /^\d+$/.test(t) ? Number(t) : t) },
  },
  {
    header: '经营状态',
    key: 'status',
    width: 10,
    value: (r) => ENTERPRISE_STATUSES[r.status],
    input: { field: 'status', required: false, example: '在营', toInput: (t) => (t === '' ? undefined : labelOr(ENTERPRISE_STATUSES)(t)) },
  },
  { header: '来源', key: 'source', width: 10, value: (r) => ENTERPRISE_SOURCES[r.source] },
  { header: '待核实事项', key: 'flags', width: 28, value: (r) => r.review_flags.map((f) => REVIEW_FLAGS[f as ReviewFlag] ?? f).join('；') || null },
  { header: '更新时间', key: 'updatedAt', width: 20, value: (r) => r.updated_at.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) },
];

export const IMPORT_COLUMNS = ENTERPRISE_COLUMNS.filter(
  (c): c is EnterpriseColumn & { input: NonNullable<EnterpriseColumn['input']> } => c.input !== undefined,
);

/** Maps a row read by header to the input object the enterprise schema validates; missing required headers are reported. */
export function recordToInput(record: Record<string, string>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const c of IMPORT_COLUMNS) {
    const text = record[c.header] ?? '';
    if (text === '' && !c.input.required && !c.input.toInput) continue;
    input[c.input.field] = c.input.toInput ? c.input.toInput(text) : text;
  }
  return input;
}

export function missingHeaders(headers: string[]): string[] {
  return IMPORT_COLUMNS.filter((c) => c.input.required && !headers.includes(c.header)).map((c) => c.header);
}

/** The import template: the importable columns (required ones marked *), an example row and a sheet of codes. */
export async function templateWorkbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('企业名录', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = IMPORT_COLUMNS.map((c) => ({ header: c.input.required ? `${c.header}*` : c.header, key: c.key, width: c.width ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow(Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.input.example])));
  for (const col of ['uscc', 'orgUnitCode', 'industryCode', 'contactPhone']) sheet.getColumn(col).numFmt = '@';
  sheet.getCell('A1').note = '18 位统一社会信用代码；带 * 的列必填；示例行请删除后再导入';

  const codes = book.addWorksheet('填写说明');
  codes.columns = [
    { header: '项目', key: 'item', width: 14 },
    { header: '可填写的值', key: 'values', width: 90 },
  ];
  codes.getRow(1).font = { bold: true };
  codes.addRow({ item: '企业规模', values: Object.values(SCALES).join('、') });
  codes.addRow({ item: '经济类型', values: Object.values(OWNERSHIPS).join('、') });
  codes.addRow({ item: '规上企业', values: '是、否（填“是”时须填写规上年度）' });
  codes.addRow({ item: '经营状态', values: `${Object.values(ENTERPRISE_STATUSES).join('、')}（不填为在营）` });
  codes.addRow({ item: '所属单位代码', values: '县（市、区）或开发区/园区的代码，如 320583（昆山市）' });
  codes.addRow({});
  codes.addRow({ item: '行业大类代码', values: 'GB/T 4754-2017 国民经济行业分类' });
  for (const s of INDUSTRY_SECTIONS) {
    codes.addRow({ item: `${s.code} ${s.name}`, values: s.divisions.map((d) => `${d.code} ${d.name}`).join('；') });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
