import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

const require = createRequire(import.meta.url);
/** Noto Sans SC from npm (no download at run time); pdfkit embeds only the glyphs a document uses. */
const FONT_REGULAR = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
const FONT_BOLD = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');

export interface ProofDocument {
  title: string;
  serial: string;
  statement: string;
  rows: [string, string][];
  issuer: string;
  issuedOn: string;
  verifyUrl: string;
  footnote: string;
  /** When the certificate is no longer valid: a line under the title and a diagonal watermark. */
  invalid?: { watermark: string; note: string } | undefined;
}

const RED = '#b3261e';
const INK = '#1f1f1f';
const MUTED = '#666666';

/** An A4 certificate: framed, titled, a statement, a table of particulars, the issuer, and a QR code to verify it. */
export async function renderProofPdf(d: ProofDocument): Promise<Buffer> {
  const qr = await QRCode.toBuffer(d.verifyUrl, { margin: 1, width: 240, errorCorrectionLevel: 'M' });
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: d.title, Subject: d.serial, Creator: '江苏省企业首席质量官信息管理系统' } });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  const { width, height } = doc.page;
  doc.lineWidth(2.5).strokeColor(RED).rect(28, 28, width - 56, height - 56).stroke();
  doc.lineWidth(0.8).rect(34, 34, width - 68, height - 68).stroke();

  doc.font('regular').fontSize(9).fillColor(MUTED).text(`编号：${d.serial}`, 56, 50, { width: width - 112, align: 'right' });
  doc.font('bold').fontSize(26).fillColor(RED).text(d.title, 56, 96, { width: width - 112, align: 'center', characterSpacing: 2 });
  doc.moveTo(width / 2 - 120, 140).lineTo(width / 2 + 120, 140).lineWidth(1).strokeColor(RED).stroke();
  if (d.invalid) doc.font('bold').fontSize(12).fillColor(RED).text(d.invalid.note, 56, 148, { width: width - 112, align: 'center' });

  doc.font('regular').fontSize(13).fillColor(INK).text(d.statement, 76, 176, { width: width - 152, lineGap: 8, indent: 26 });

  let y = doc.y + 24;
  const labelW = 130;
  const tableX = 76;
  const tableW = width - 152;
  for (const [label, value] of d.rows) {
    const h = Math.max(26, doc.font('regular').fontSize(11).heightOfString(value, { width: tableW - labelW - 16 }) + 12);
    doc.rect(tableX, y, labelW, h).fillAndStroke('#f6ecea', '#d9b8b4');
    doc.rect(tableX + labelW, y, tableW - labelW, h).fillAndStroke('#ffffff', '#d9b8b4');
    doc.font('bold').fontSize(11).fillColor(INK).text(label, tableX + 8, y + 7, { width: labelW - 16 });
    doc.font('regular').fontSize(11).fillColor(INK).text(value, tableX + labelW + 8, y + 7, { width: tableW - labelW - 16 });
    y += h;
  }

  const bottom = height - 230;
  doc.image(qr, 76, bottom, { width: 110 });
  doc.font('regular').fontSize(9).fillColor(MUTED).text('扫码核验真伪', 76, bottom + 114, { width: 110, align: 'center' });
  doc.font('bold').fontSize(13).fillColor(INK).text(d.issuer, width / 2, bottom + 20, { width: width / 2 - 76, align: 'right' });
  doc.font('regular').fontSize(12).text(d.issuedOn, width / 2, bottom + 46, { width: width / 2 - 76, align: 'right' });
  doc.font('regular').fontSize(9).fillColor(MUTED).text('（电子证明，以核验结果为准）', width / 2, bottom + 70, { width: width / 2 - 76, align: 'right' });

  doc.font('regular').fontSize(8).fillColor(MUTED).text(d.footnote, 56, height - 96, { width: width - 112, align: 'center', lineGap: 2 });
  doc.text(`核验地址：${d.verifyUrl}`, { width: width - 112, align: 'center' });

  if (d.invalid) {
    doc.save().rotate(-30, { origin: [width / 2, height / 2] });
    doc.font('bold').fontSize(64).fillColor(RED).opacity(0.18).text(d.invalid.watermark, 0, height / 2 - 40, { width, align: 'center' });
    doc.restore();
  }
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
  invalid?: { watermark: string; note: string } | undefined;
}

const GOLD = '#b8860b';

/** Characters set around a circle (a stamp's ring text), from `startDeg` clockwise over `sweepDeg`. */
function ringText(doc: PDFKit.PDFDocument, text: string, cx: number, cy: number, r: number, startDeg: number, sweepDeg: number, size: number): void {
  const chars = [...text];
  chars.forEach((ch, i) => {
    const deg = startDeg + (chars.length === 1 ? 0 : (sweepDeg * i) / (chars.length - 1));
    const rad = (deg * Math.PI) / 180;
    const x = cx + r * Math.sin(rad);
    const y = cy - r * Math.cos(rad);
    doc.save().translate(x, y).rotate(deg).font('bold').fontSize(size).fillColor(RED).text(ch, -size / 2, -size / 2, { width: size, align: 'center', lineBreak: false });
    doc.restore();
  });
}

/**
 * The 培训合格证: an A4 certificate with a double gold-and-red frame, the holder's name large, the completion
 * statement, particulars, the issuing bureau and date beside an electronic-issue mark, and a QR code to /verify.
 */
export async function renderTrainingCertificatePdf(d: TrainingCertificateDocument): Promise<Buffer> {
  const qr = await QRCode.toBuffer(d.verifyUrl, { margin: 1, width: 240, errorCorrectionLevel: 'M' });
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: '培训合格证', Subject: d.serial, Creator: '江苏省企业首席质量官信息管理系统' } });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  const { width, height } = doc.page;
  doc.rect(0, 0, width, height).fill('#fffaf0');
  doc.lineWidth(6).strokeColor(RED).rect(24, 24, width - 48, height - 48).stroke();
  doc.lineWidth(1.5).strokeColor(GOLD).rect(36, 36, width - 72, height - 72).stroke();
  doc.lineWidth(0.6).rect(42, 42, width - 84, height - 84).stroke();
  // corner ornaments
  for (const [x, y] of [
    [42, 42],
    [width - 42, 42],
    [42, height - 42],
    [width - 42, height - 42],
  ] as const) {
    doc.save().translate(x, y).rotate(45).rect(-7, -7, 14, 14).fill(GOLD).restore();
  }

  doc.font('regular').fontSize(9).fillColor(MUTED).text(`证书编号：${d.serial}`, 60, 60, { width: width - 120, align: 'right' });
  doc.font('bold').fontSize(15).fillColor(INK).text('江苏省企业首席质量官', 60, 104, { width: width - 120, align: 'center', characterSpacing: 4 });
  doc.font('bold').fontSize(40).fillColor(RED).text('培训合格证', 60, 130, { width: width - 120, align: 'center', characterSpacing: 10 });
  doc.moveTo(width / 2 - 150, 192).lineTo(width / 2 + 150, 192).lineWidth(1.2).strokeColor(GOLD).stroke();
  doc.moveTo(width / 2 - 120, 197).lineTo(width / 2 + 120, 197).lineWidth(0.6).stroke();
  if (d.invalid) doc.font('bold').fontSize(12).fillColor(RED).text(d.invalid.note, 60, 206, { width: width - 120, align: 'center' });

  doc.font('bold').fontSize(26).fillColor(INK).text(d.holderName, 60, 236, { width: width - 120, align: 'center', characterSpacing: 6 });
  doc.moveTo(width / 2 - 90, 274).lineTo(width / 2 + 90, 274).lineWidth(0.8).strokeColor(MUTED).stroke();
  doc.font('regular').fontSize(14).fillColor(INK).text(d.statement, 84, 296, { width: width - 168, lineGap: 10, indent: 28 });

  let y = doc.y + 22;
  const tableX = 96;
  const tableW = width - 192;
  const labelW = 110;
  for (const [label, value] of d.rows) {
    const h = Math.max(24, doc.font('regular').fontSize(10.5).heightOfString(value, { width: tableW - labelW - 16 }) + 11);
    doc.moveTo(tableX, y + h).lineTo(tableX + tableW, y + h).lineWidth(0.5).strokeColor('#e0c9a6').stroke();
    doc.font('bold').fontSize(10.5).fillColor(MUTED).text(label, tableX + 4, y + 6, { width: labelW - 8 });
    doc.font('regular').fontSize(10.5).fillColor(INK).text(value, tableX + labelW, y + 6, { width: tableW - labelW - 8 });
    y += h;
  }

  const bottom = height - 250;
  doc.image(qr, 84, bottom + 10, { width: 104 });
  doc.font('regular').fontSize(9).fillColor(MUTED).text('扫码核验真伪', 84, bottom + 118, { width: 104, align: 'center' });

  // the electronic-issue mark first, then the issuer and date over it (readable through the mark)
  const sx = width - 160;
  const sy = bottom + 58;
  doc.save().opacity(0.55);
  doc.lineWidth(2.5).strokeColor(RED).circle(sx, sy, 48).stroke();
  doc.lineWidth(0.8).circle(sx, sy, 43).stroke();
  ringText(doc, '首席质量官信息管理系统', sx, sy, 34, -110, 220, 9.5);
  doc.font('bold').fontSize(22).fillColor(RED).text('★', sx - 12, sy - 16, { width: 24, align: 'center', lineBreak: false });
  doc.font('bold').fontSize(9).text('电子证书', sx - 30, sy + 12, { width: 60, align: 'center', lineBreak: false });
  doc.restore();
  doc.font('bold').fontSize(14).fillColor(INK).text(d.issuer, width / 2 - 40, bottom + 40, { width: width / 2 - 44, align: 'right' });
  doc.font('regular').fontSize(13).fillColor(INK).text(d.issuedOn, width / 2 - 40, bottom + 70, { width: width / 2 - 44, align: 'right' });

  doc.font('regular').fontSize(8).fillColor(MUTED).text(d.footnote, 60, height - 100, { width: width - 120, align: 'center', lineGap: 2 });
  doc.text(`核验地址：${d.verifyUrl}`, { width: width - 120, align: 'center' });

  if (d.invalid) {
    doc.save().rotate(-30, { origin: [width / 2, height / 2] });
    doc.font('bold').fontSize(72).fillColor(RED).opacity(0.18).text(d.invalid.watermark, 0, height / 2 - 40, { width, align: 'center' });
    doc.restore();
  }
  doc.end();
  return done;
}
