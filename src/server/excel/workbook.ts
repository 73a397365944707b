import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

/** One column of a list: drives the Excel template, import and export of that list. */
export interface ColumnDef<T> {
  header: string;
  key: string;
  width?: number;
  value: (row: T) => string | number | Date | null;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Streams rows into an .xlsx download without holding the workbook in memory: exceljs's streaming writer
 * commits each row as it is written.
 */
export async function sendXlsx<T>(
  reply: FastifyReply,
  filename: string,
  sheetName: string,
  columns: readonly ColumnDef<T>[],
  rows: AsyncIterable<T[]>,
): Promise<FastifyReply> {
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  void reply
    .header('content-type', XLSX)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header('cache-control', 'no-store');
  const done = (async () => {
    for await (const chunk of rows) {
      for (const row of chunk) {
        const values: Record<string, unknown> = {};
        for (const c of columns) values[c.key] = c.value(row);
        sheet.addRow(values).commit();
      }
    }
    sheet.commit();
    await workbook.commit();
  })();
  done.catch((err: unknown) => stream.destroy(err instanceof Error ? err : new Error(String(err))));
  return reply.send(stream);
}
