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
