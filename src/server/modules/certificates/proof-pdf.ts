import { finishPages, Flow, INK, MUTED, openPdf, placeClosing, QR_SIZE, RED, runningHeader, verificationQr, type InvalidMark, type SignedData } from './pdf';

/** The thin-red double frame of proofs (备案证明, 学时证明). */
function proofFrame(doc: PDFKit.PDFDocument): void {
  const { width, height } = doc.page;
  doc
    .lineWidth(2.5)
    .strokeColor(RED)
    .rect(28, 28, width - 56, height - 56)
    .stroke();
  doc
    .lineWidth(0.8)
    .rect(34, 34, width - 68, height - 68)
    .stroke();
}

/** A two-column table of particulars (label, value), each row as tall as its value needs; rows never split across pages. */
function particularsTable(doc: PDFKit.PDFDocument, flow: Flow, rows: readonly (readonly [string, string])[], x: number, width: number, labelW: number): void {
  for (const [label, value] of rows) {
    const h = Math.max(
      24,
      doc
        .font('regular')
        .fontSize(11)
        .heightOfString(value, { width: width - labelW - 16 }) + 11,
      doc
        .font('bold')
        .fontSize(11)
        .heightOfString(label, { width: labelW - 16 }) + 11,
    );
    flow.ensure(h);
    const y = flow.y;
    doc.rect(x, y, labelW, h).fillAndStroke('#f6ecea', '#d9b8b4');
    doc.rect(x + labelW, y, width - labelW, h).fillAndStroke('#ffffff', '#d9b8b4');
    doc
      .font('bold')
      .fontSize(11)
      .fillColor(INK)
      .text(label, x + 8, y + 6, { width: labelW - 16 });
    doc
      .font('regular')
      .fontSize(11)
      .fillColor(INK)
      .text(value, x + labelW + 8, y + 6, { width: width - labelW - 16 });
    flow.y = y + h;
  }
}

export interface TableColumn {
  label: string;
  /** share of the table's width */
  width: number;
  align?: 'left' | 'center' | 'right';
}

/** A table after the particulars (e.g. the ledger lines of a 学时证明): headed, its header repeated on every page. */
export interface ProofTable {
  heading: string;
  columns: TableColumn[];
  rows: string[][];
  /** a bold last row (合计) */
  total?: string[] | undefined;
  /** a small note under the table */
  note?: string | undefined;
}

/** `keepWithEnd`: height that must follow the table on its page (the closing block), so it never stands alone. */
function dataTable(doc: PDFKit.PDFDocument, flow: Flow, t: ProofTable, x: number, width: number, keepWithEnd = 0): void {
  const size = 9.5;
  const pad = 5;
  const widths = t.columns.map((c) => c.width * width);
  const cellHeight = (cells: readonly string[], font: 'regular' | 'bold') =>
    Math.max(
      20,
      ...cells.map(
        (c, i) =>
          doc
            .font(font)
            .fontSize(size)
            .heightOfString(c || ' ', { width: (widths[i] ?? 0) - 2 * pad }) +
          2 * pad -
          1,
      ),
    );
  const drawRow = (cells: readonly string[], font: 'regular' | 'bold', fill: string | null, h: number) => {
    const y = flow.y;
    let cx = x;
    cells.forEach((c, i) => {
      const w = widths[i] ?? 0;
      if (fill) doc.rect(cx, y, w, h).fillAndStroke(fill, '#d9b8b4');
      else doc.rect(cx, y, w, h).lineWidth(0.6).stroke('#d9b8b4');
      doc
        .font(font)
        .fontSize(size)
        .fillColor(INK)
        .text(c, cx + pad, y + pad - 0.5, { width: w - 2 * pad, align: t.columns[i]?.align ?? 'left' });
      cx += w;
    });
    flow.y = y + h;
  };
  const header = t.columns.map((c) => c.label);
  const headerH = cellHeight(header, 'bold');
  const drawHeader = () => drawRow(header, 'bold', '#f6ecea', headerH);

  // the heading, the header and the first row stay together
  const firstH = t.rows[0] ? cellHeight(t.rows[0], 'regular') : 0;
  flow.ensure(22 + headerH + firstH);
  doc.font('bold').fontSize(12).fillColor(RED).text(t.heading, x, flow.y, { width, lineBreak: false });
  flow.y += 20;
  drawHeader();
  const body: { cells: readonly string[]; font: 'regular' | 'bold' }[] = t.rows.map((r) => ({ cells: r, font: 'regular' }));
  if (t.total) body.push({ cells: t.total, font: 'bold' });
  const noteH = t.note ? doc.font('regular').fontSize(8.5).heightOfString(t.note, { width }) + 6 : 0;
  const heights = body.map((r) => cellHeight(r.cells, r.font));
  // the last line and the total go on together, followed by the note and what must stay with the end
  const tail = Math.max(0, body.length - 2);
  const tailH = heights.slice(tail).reduce((n, h) => n + h, 0) + noteH + 12 + keepWithEnd;
  body.forEach((r, i) => {
    const h = heights[i] ?? 0;
    if (flow.ensure(i === tail ? Math.min(tailH, flow.limit - 120) : h)) {
      doc.font('regular').fontSize(9).fillColor(MUTED).text(`${t.heading}（续）`, x, flow.y, { width, lineBreak: false });
      flow.y += 16;
      drawHeader();
    }
    drawRow(r.cells, r.font, r.font === 'bold' ? '#faf3f1' : i % 2 === 1 ? '#fcfafa' : '#ffffff', h);
  });
  if (t.note) {
    flow.ensure(noteH);
    doc
      .font('regular')
      .fontSize(8.5)
      .fillColor(MUTED)
      .text(t.note, x, flow.y + 4, { width });
    flow.y += noteH;
  }
  flow.y += 12;
}

export interface ProofDocument {
  title: string;
  serial: string;
  statement: string;
  rows: [string, string][];
  /** further tables after the particulars; they continue on further pages with their header repeated */
  tables?: ProofTable[] | undefined;
  /** who and what, on the running header of continuation pages (e.g. `陈质量 2026 年度`) */
  subjectLine?: string | undefined;
  issuer: string;
  issuedOn: string;
  verifyUrl: string;
  footnote: string;
  invalid?: InvalidMark | undefined;
  signed?: SignedData | undefined;
}

/**
 * An A4 proof (备案证明, 学时证明): framed, titled, a statement, a table of particulars, further tables when given,
 * the issuer and date beside a QR code to verify it. Long content continues on framed pages with a running header;
 * every page carries the footnote, the verification address and, when there are several, its page number.
 */
export async function renderProofPdf(d: ProofDocument): Promise<Buffer> {
  const qr = await verificationQr(d.verifyUrl);
  const { doc, done } = openPdf(d.title, d.serial, d.signed);
  const { width, height } = doc.page;
  const contentX = 76;
  const contentW = width - 152;
  const footerTop = height - 100;

  proofFrame(doc);
  doc
    .font('regular')
    .fontSize(9)
    .fillColor(MUTED)
    .text(`编号：${d.serial}`, 56, 50, { width: width - 112, align: 'right' });
  doc
    .font('bold')
    .fontSize(26)
    .fillColor(RED)
    .text(d.title, 56, 96, { width: width - 112, align: 'center', characterSpacing: 2 });
  doc
    .moveTo(width / 2 - 120, 140)
    .lineTo(width / 2 + 120, 140)
    .lineWidth(1)
    .strokeColor(RED)
    .stroke();
  if (d.invalid)
    doc
      .font('bold')
      .fontSize(12)
      .fillColor(RED)
      .text(d.invalid.note, 56, 148, { width: width - 112, align: 'center' });
  doc.font('regular').fontSize(13).fillColor(INK).text(d.statement, contentX, 176, { width: contentW, lineGap: 6, indent: 26 });

  const flow = new Flow(doc, doc.y + 20, footerTop - 8, () => {
    proofFrame(doc);
    return runningHeader(doc, `${d.title}（续）${d.subjectLine ? `  ${d.subjectLine}` : ''}`, d.serial, 56, 50);
  });
  particularsTable(doc, flow, d.rows, contentX, contentW, 130);
  if (d.tables?.length) flow.y += 16;
  const closingH = QR_SIZE + 16;
  const tables = d.tables ?? [];
  tables.forEach((t, i) => dataTable(doc, flow, t, contentX, contentW, i === tables.length - 1 ? closingH + 14 : 0));

  const top = placeClosing(flow, height - 230, closingH);
  doc.image(qr, contentX, top, { width: QR_SIZE });
  doc
    .font('regular')
    .fontSize(9)
    .fillColor(MUTED)
    .text('扫码核验真伪', contentX, top + QR_SIZE + 3, { width: QR_SIZE, align: 'center' });
  const right = { width: width / 2 - contentX, align: 'right' as const };
  doc
    .font('bold')
    .fontSize(13)
    .fillColor(INK)
    .text(d.issuer, width / 2, top + 16, right);
  doc
    .font('regular')
    .fontSize(12)
    .text(d.issuedOn, width / 2, top + 42, right);
  doc
    .font('regular')
    .fontSize(9)
    .fillColor(MUTED)
    .text('（电子证明，以核验结果为准）', width / 2, top + 66, right);

  finishPages(doc, { footnote: d.footnote, verifyUrl: d.verifyUrl, footerTop, inset: 56, invalid: d.invalid, watermarkSize: 64 });
  doc.end();
  return done;
}
