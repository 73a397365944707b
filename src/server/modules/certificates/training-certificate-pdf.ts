import { finishPages, Flow, INK, MUTED, openPdf, placeClosing, QR_SIZE, RED, runningHeader, verificationQr, type InvalidMark, type SignedData } from './pdf';

const GOLD = '#b8860b';

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
