import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

/*
 * What every certificate PDF shares: fonts and colours, the one formatting of dates and issuers, the A4 document with the
 * signed data embedded, content that flows onto framed continuation pages, the closing block's place and the footer.
 * The documents themselves: proof-pdf.ts (备案证明, 学时证明) and training-certificate-pdf.ts (培训合格证).
 */

const require = createRequire(import.meta.url);
/** Noto Sans SC from npm (no download at run time); pdfkit embeds only the glyphs a document uses. */
export const FONT_REGULAR = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
export const FONT_BOLD = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');

export const RED = '#b3261e';
export const INK = '#1f1f1f';
export const MUTED = '#666666';
const CREATOR = '江苏省企业首席质量官信息管理系统';

/** Side of the verification QR code in points (about 34 mm: scans from a phone at arm's length, leaves room for particulars). */
export const QR_SIZE = 96;

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

export interface Pdf {
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
export function openPdf(title: string, serial: string, signed?: SignedData): Pdf {
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

export const verificationQr = (url: string): Promise<Buffer> => QRCode.toBuffer(url, { margin: 1, width: 300, errorCorrectionLevel: 'M' });

/**
 * Content that flows down the page and continues on a new one (drawn by `newPage`: frame and running header)
 * before it would reach `limit`, where the footer begins.
 */
export class Flow {
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
export function placeClosing(flow: Flow, preferred: number, height: number, gap = 14): number {
  const top = Math.max(preferred, flow.y + gap);
  if (top + height <= flow.limit) return top;
  flow.breakPage();
  return flow.y + gap;
}

/** Footer on every page (footnote, verification address, page x of n when more than one) and the watermark. */
export function finishPages(
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

/** Top of a continuation page: what the document is, whose, and its serial, so a loose page is still identified. */
export function runningHeader(doc: PDFKit.PDFDocument, left: string, serial: string, x: number, y: number): number {
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
