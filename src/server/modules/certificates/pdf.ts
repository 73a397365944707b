import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

const require = createRequire(import.meta.url);
/** Noto Sans SC from npm (no download at run time); pdfkit embeds only the glyphs a document uses. */
export const FONT_REGULAR = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
export const FONT_BOLD = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');

export const RED = '#b3261e';
export const INK = '#1f1f1f';
export const MUTED = '#666666';
const GOLD = '#b8860b';
const CREATOR = '江苏省企业首席质量官信息管理系统';

/** Side of the verification QR code in points (about 34 mm: scans from a phone at arm's length, leaves room for particulars). */
const QR_SIZE = 96;

/** `2026-10-04` → `2026年10月4日`, also for every date inside a longer text (`2026-10-19 至 2026-10-20`). */
export function chineseDate(text: string): string {
  return text.replace(/(\d{4})-(\d{2})-(\d{2})/g, (_m, y: string, m: string, d: string) => `${y}年${String(Number(m))}月${String(Number(d))}日`);
}

/** The bureau of an org unit as it signs certificates: 江苏省 → 江苏省市场监督管理局 (a name already ending so is kept). */
export function bureauName(orgUnitName: string): string {
  return orgUnitName.endsWith('市场监督管理局') ? orgUnitName : `${orgUnitName}市场监督管理局`;
}

/** When the certificate is no longer valid: a line under the title and a diagonal watermark on every page. */
export interface InvalidMark {
  watermark: string;
  note: string;
}

interface Pdf {
  doc: PDFKit.PDFDocument;
  done: Promise<Buffer>;
}

/**
 * What a certificate's signature covers, carried in its PDF as two embedded files so whoever holds the PDF can check
 * the signature offline with openssl (docs/OPERATIONS.md, 「Verifying a certificate offline」): `<serial>.payload.json`,
 * the exact UTF-8 bytes signed, and `<serial>.<algorithm>.<keyId>.sig`, the raw signature (Ed25519: 64 bytes; SM2:
 * DER `SEQUENCE { r, s }`). `pdfdetach -saveall` extracts them.
 */
export interface SignedData {
  message: string;
  /** base64url, as stored */
  signature: string;
  algorithm: string;
  keyId: string;
}

function attachSigned(doc: PDFKit.PDFDocument, serial: string, signed: SignedData): void {
  doc.file(Buffer.from(signed.message, 'utf8'), { name: `${serial}.payload.json`, type: 'application/json', description: '数字签名原文（UTF-8）' });
  doc.file(Buffer.from(signed.signature, 'base64url'), {
    name: `${serial}.${signed.algorithm}.${signed.keyId}.sig`,
    type: 'application/octet-stream',
    description: `数字签名（${signed.algorithm}，密钥标识 ${signed.keyId}）`,
  });
}

/** An A4 document with the CJK fonts registered; pages are buffered so footers and page numbers are drawn at the end. */
function openPdf(title: string, serial: string, signed?: SignedData): Pdf {
  // a small bottom margin: the footer is drawn by hand below the content limit, and pdfkit must never add a page on its own
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, left: 56, right: 56, bottom: 24 },
    bufferPages: true,
    info: { Title: title, Subject: serial, Creator: CREATOR },
  });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  if (signed) attachSigned(doc, serial, signed);
  return { doc, done };
}

const verificationQr = (url: string): Promise<Buffer> => QRCode.toBuffer(url, { margin: 1, width: 300, errorCorrectionLevel: 'M' });

/**
 * Content that flows down the page and continues on a new one (drawn by `newPage`: frame and running header)
 * before it would reach `limit`, where the footer begins.
 */
class Flow {
  y: number;
  constructor(
    private readonly doc: PDFKit.PDFDocument,
    y: number,
    readonly limit: number,
    private readonly newPage: () => number,
  ) {
    this.y = y;
  }

  /** Makes room for `height` points: a new page when they do not fit below `y`. Returns true when it broke the page. */
  ensure(height: number): boolean {
    if (this.y + height <= this.limit) return false;
    this.breakPage();
    return true;
  }

  breakPage(): void {
    this.doc.addPage();
    this.y = this.newPage();
  }
}

/**
 * Where the closing block (QR code, issuer, date) of `height` goes: at `preferred` when the content ends above it
 * (a short certificate keeps its usual look), right after the content when it runs longer, on a new page when
 * it would reach the footer. Never over the content.
 */
function placeClosing(flow: Flow, preferred: number, height: number, gap = 14): number {
  const top = Math.max(preferred, flow.y + gap);
  if (top + height <= flow.limit) return top;
  flow.breakPage();
  return flow.y + gap;
}

/** Footer on every page (footnote, verification address, page x of n when more than one) and the watermark. */
function finishPages(
  doc: PDFKit.PDFDocument,
  d: { footnote: string; verifyUrl: string; footerTop: number; inset: number; invalid?: InvalidMark | undefined; watermarkSize: number },
): void {
  const range = doc.bufferedPageRange();
  const { width, height } = doc.page;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(MUTED)
      .text(d.footnote, d.inset, d.footerTop, { width: width - 2 * d.inset, align: 'center', lineGap: 2 });
    doc.text(`核验地址：${d.verifyUrl}`, { width: width - 2 * d.inset, align: 'center' });
    if (range.count > 1) doc.text(`第 ${String(i - range.start + 1)} 页  共 ${String(range.count)} 页`, { width: width - 2 * d.inset, align: 'center' });
    if (d.invalid) {
      doc.save().rotate(-30, { origin: [width / 2, height / 2] });
      doc
        .font('bold')
        .fontSize(d.watermarkSize)
        .fillColor(RED)
        .opacity(0.18)
        .text(d.invalid.watermark, 0, height / 2 - 40, { width, align: 'center', lineBreak: false });
      doc.restore();
    }
  }
}

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

/** Top of a continuation page: what the document is, whose, and its serial, so a loose page is still identified. */
function runningHeader(doc: PDFKit.PDFDocument, left: string, serial: string, x: number, y: number): number {
  const w = doc.page.width - 2 * x;
  doc
    .font('bold')
    .fontSize(11)
    .fillColor(RED)
    .text(left, x, y, { width: w * 0.6, lineBreak: false });
  doc
    .font('regular')
    .fontSize(9)
    .fillColor(MUTED)
    .text(`编号：${serial}`, x + w * 0.4, y + 2, { width: w * 0.6, align: 'right', lineBreak: false });
  doc
    .moveTo(x, y + 20)
    .lineTo(x + w, y + 20)
    .lineWidth(0.8)
    .strokeColor(RED)
    .stroke();
  return y + 32;
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

export interface TrainingCertificateDocument {
  serial: string;
  holderName: string;
  statement: string;
  rows: [string, string][];
  issuer: string;
  issuedOn: string;
  verifyUrl: string;
  footnote: string;
  invalid?: InvalidMark | undefined;
  signed?: SignedData | undefined;
}

/** Characters set around a circle (a stamp's ring text), from `startDeg` clockwise over `sweepDeg`. */
function ringText(doc: PDFKit.PDFDocument, text: string, cx: number, cy: number, r: number, startDeg: number, sweepDeg: number, size: number): void {
  const chars = [...text];
  chars.forEach((ch, i) => {
    const deg = startDeg + (chars.length === 1 ? 0 : (sweepDeg * i) / (chars.length - 1));
    const rad = (deg * Math.PI) / 180;
    const x = cx + r * Math.sin(rad);
    const y = cy - r * Math.cos(rad);
    doc
      .save()
      .translate(x, y)
      .rotate(deg)
      .font('bold')
      .fontSize(size)
      .fillColor(RED)
      .text(ch, -size / 2, -size / 2, { width: size, align: 'center', lineBreak: false });
    doc.restore();
  });
}

/** The gold-and-red frame of the 培训合格证, on a cream page. */
function trainingFrame(doc: PDFKit.PDFDocument): void {
  const { width, height } = doc.page;
  doc.rect(0, 0, width, height).fill('#fffaf0');
  doc
    .lineWidth(6)
    .strokeColor(RED)
    .rect(24, 24, width - 48, height - 48)
    .stroke();
  doc
    .lineWidth(1.5)
    .strokeColor(GOLD)
    .rect(36, 36, width - 72, height - 72)
    .stroke();
  doc
    .lineWidth(0.6)
    .rect(42, 42, width - 84, height - 84)
    .stroke();
  for (const [x, y] of [
    [42, 42],
    [width - 42, 42],
    [42, height - 42],
    [width - 42, height - 42],
  ] as const) {
    doc.save().translate(x, y).rotate(45).rect(-7, -7, 14, 14).fill(GOLD).restore();
  }
}

/**
 * The 培训合格证: an A4 certificate with a double gold-and-red frame, the holder's name large, the completion
 * statement, particulars, the issuing bureau and date beside an electronic-issue mark, and a QR code to /verify.
 */
export async function renderTrainingCertificatePdf(d: TrainingCertificateDocument): Promise<Buffer> {
  const qr = await verificationQr(d.verifyUrl);
  const { doc, done } = openPdf('培训合格证', d.serial, d.signed);
  const { width, height } = doc.page;
  const footerTop = height - 100;

  trainingFrame(doc);
  doc
    .font('regular')
    .fontSize(9)
    .fillColor(MUTED)
    .text(`证书编号：${d.serial}`, 60, 60, { width: width - 120, align: 'right' });
  doc
    .font('bold')
    .fontSize(15)
    .fillColor(INK)
    .text('江苏省企业首席质量官', 60, 104, { width: width - 120, align: 'center', characterSpacing: 4 });
  doc
    .font('bold')
    .fontSize(40)
    .fillColor(RED)
    .text('培训合格证', 60, 130, { width: width - 120, align: 'center', characterSpacing: 10 });
  doc
    .moveTo(width / 2 - 150, 192)
    .lineTo(width / 2 + 150, 192)
    .lineWidth(1.2)
    .strokeColor(GOLD)
    .stroke();
  doc
    .moveTo(width / 2 - 120, 197)
    .lineTo(width / 2 + 120, 197)
    .lineWidth(0.6)
    .stroke();
  if (d.invalid)
    doc
      .font('bold')
      .fontSize(12)
      .fillColor(RED)
      .text(d.invalid.note, 60, 206, { width: width - 120, align: 'center' });

  doc
    .font('bold')
    .fontSize(26)
    .fillColor(INK)
    .text(d.holderName, 60, 236, { width: width - 120, align: 'center', characterSpacing: 6 });
  doc
    .moveTo(width / 2 - 90, 274)
    .lineTo(width / 2 + 90, 274)
    .lineWidth(0.8)
    .strokeColor(MUTED)
    .stroke();
  doc
    .font('regular')
    .fontSize(13)
    .fillColor(INK)
    .text(d.statement, 84, 292, { width: width - 168, lineGap: 8, indent: 26 });

  const flow = new Flow(doc, doc.y + 16, footerTop - 8, () => {
    trainingFrame(doc);
    return runningHeader(doc, `培训合格证（续）  ${d.holderName}`, d.serial, 60, 60);
  });
  const tableX = 96;
  const tableW = width - 192;
  const labelW = 110;
  for (const [label, value] of d.rows) {
    const h = Math.max(
      24,
      doc
        .font('regular')
        .fontSize(10.5)
        .heightOfString(value, { width: tableW - labelW - 8 }) + 11,
    );
    flow.ensure(h);
    const y = flow.y;
    doc
      .moveTo(tableX, y + h)
      .lineTo(tableX + tableW, y + h)
      .lineWidth(0.5)
      .strokeColor('#e0c9a6')
      .stroke();
    doc
      .font('bold')
      .fontSize(10.5)
      .fillColor(MUTED)
      .text(label, tableX + 4, y + 6, { width: labelW - 8 });
    doc
      .font('regular')
      .fontSize(10.5)
      .fillColor(INK)
      .text(value, tableX + labelW, y + 6, { width: tableW - labelW - 8 });
    flow.y = y + h;
  }

  // QR on the left; the electronic-issue mark on the right with the issuer and date over it (readable through it)
  const top = placeClosing(flow, height - 240, QR_SIZE + 16, 16);
  doc.image(qr, 84, top, { width: QR_SIZE });
  doc
    .font('regular')
    .fontSize(9)
    .fillColor(MUTED)
    .text('扫码核验真伪', 84, top + QR_SIZE + 3, { width: QR_SIZE, align: 'center' });
  const sx = width - 160;
  const sy = top + 50;
  doc.save().opacity(0.55);
  doc.lineWidth(2.5).strokeColor(RED).circle(sx, sy, 48).stroke();
  doc.lineWidth(0.8).circle(sx, sy, 43).stroke();
  ringText(doc, '首席质量官信息管理系统', sx, sy, 34, -110, 220, 9.5);
  doc
    .font('bold')
    .fontSize(22)
    .fillColor(RED)
    .text('★', sx - 12, sy - 16, { width: 24, align: 'center', lineBreak: false });
  doc
    .font('bold')
    .fontSize(9)
    .text('电子证书', sx - 30, sy + 12, { width: 60, align: 'center', lineBreak: false });
  doc.restore();
  doc
    .font('bold')
    .fontSize(14)
    .fillColor(INK)
    .text(d.issuer, width / 2 - 40, top + 32, { width: width / 2 - 44, align: 'right' });
  doc
    .font('regular')
    .fontSize(13)
    .fillColor(INK)
    .text(d.issuedOn, width / 2 - 40, top + 62, { width: width / 2 - 44, align: 'right' });

  finishPages(doc, { footnote: d.footnote, verifyUrl: d.verifyUrl, footerTop, inset: 60, invalid: d.invalid, watermarkSize: 72 });
  doc.end();
  return done;
}
