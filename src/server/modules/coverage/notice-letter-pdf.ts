import fs from 'node:fs';
import PDFDocument from 'pdfkit';
// the same Noto Sans SC and colours as the certificates
import { chineseDate, FONT_BOLD, FONT_REGULAR, INK, MUTED, RED } from '../certificates/pdf';

/** One 催办通知书: one page, to one addressee about one enterprise. */
export interface NoticeLetter {
  serial: string;
  addressee: string;
  text: string;
  particulars: readonly (readonly [string, string])[];
}

export interface NoticeLetterBatch {
  bureau: string;
  date: string;
  letters: AsyncIterable<NoticeLetter[]>;
}

/**
 * Writes the batch to `path`, streaming (a page is written and released before the next is drawn, so hundreds of
 * letters take flat memory). A4, one page per letter: title, number, addressee, text, particulars, the bureau's
 * name and date. Returns the number of letters.
 */
export async function writeNoticeLettersPdf(path: string, batch: NoticeLetterBatch, onChunk?: (n: number) => Promise<void>): Promise<number> {
  const doc = new PDFDocument({ size: 'A4', autoFirstPage: false, margins: { top: 64, left: 64, right: 64, bottom: 40 }, info: { Title: `${batch.bureau}催办通知书`, Creator: '江苏省企业首席质量官信息管理系统' } });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  const out = fs.createWriteStream(path, { mode: 0o600 });
  const finished = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  doc.pipe(out);
  let n = 0;
  for await (const chunk of batch.letters) {
    for (const letter of chunk) {
      drawLetter(doc, batch, letter);
      n += 1;
    }
    if (onChunk) await onChunk(n);
  }
  if (n === 0) {
    doc.addPage();
    doc.font('regular').fontSize(12).fillColor(INK).text('清单中没有需要催办的企业。');
  }
  doc.end();
  await finished;
  return n;
}

function drawLetter(doc: PDFKit.PDFDocument, batch: NoticeLetterBatch, letter: NoticeLetter): void {
  doc.addPage();
  const { width, height } = doc.page;
  const x = 64;
  const w = width - 2 * x;
  doc.font('bold').fontSize(24).fillColor(RED).text('催办通知书', x, 72, { width: w, align: 'center', characterSpacing: 6 });
  doc.font('regular').fontSize(10).fillColor(MUTED).text(`编号：${letter.serial}`, x, 112, { width: w, align: 'right' });
  doc.moveTo(x, 130).lineTo(x + w, 130).lineWidth(1.2).strokeColor(RED).stroke();
  doc.font('bold').fontSize(13).fillColor(INK).text(`${letter.addressee}：`, x, 150, { width: w });
  doc.font('regular').fontSize(12).fillColor(INK).text(letter.text, x, doc.y + 8, { width: w, indent: 24, lineGap: 6, align: 'justify' });
  let y = doc.y + 18;
  const labelW = 110;
  for (const [label, value] of letter.particulars) {
    const h = Math.max(26, doc.font('regular').fontSize(11).heightOfString(value || '—', { width: w - labelW - 16 }) + 12);
    doc.rect(x, y, labelW, h).fillAndStroke('#f6ecea', '#d9b8b4');
    doc.rect(x + labelW, y, w - labelW, h).fillAndStroke('#ffffff', '#d9b8b4');
    doc.font('bold').fontSize(11).fillColor(INK).text(label, x + 8, y + 7, { width: labelW - 16 });
    doc.font('regular').fontSize(11).fillColor(INK).text(value || '—', x + labelW + 8, y + 7, { width: w - labelW - 16 });
    y += h;
  }
  const signTop = Math.max(y + 40, height - 220);
  doc.font('bold').fontSize(13).fillColor(INK).text(batch.bureau, x, signTop, { width: w, align: 'right' });
  doc.font('regular').fontSize(12).text(chineseDate(batch.date), x, signTop + 24, { width: w, align: 'right' });
  doc.font('regular').fontSize(8).fillColor(MUTED).text('本通知书由江苏省企业首席质量官信息管理系统生成。', x, height - 64, { width: w, align: 'center', lineBreak: false });
}
