import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { PDF_TYPE, XLSX_TYPE } from '../contract/common';

/**
 * The one way a route sends a file (issue 19 item 5): content type, an RFC 6266 Content-Disposition and the
 * caching and sniffing headers, so no route builds them by hand.
 */

export { PDF_TYPE, XLSX_TYPE } from '../contract/common';

export type Disposition = 'attachment' | 'inline';
export type FileBody = Buffer | Uint8Array | Readable;

/** Printable ASCII except the quote and backslash, which a quoted-string would have to escape. */
const PLAIN_NAME = /^[\x20-\x21\x23-\x5b\x5d-\x7e]+$/;

/**
 * `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266 with the RFC 5987 extended value): a name that is plain
 * ASCII is given as a quoted `filename` only; any other name (Chinese) gets an ASCII fallback, where every run of
 * other characters becomes `_`, followed by the UTF-8 `filename*` that every current browser prefers.
 */
export function contentDisposition(disposition: Disposition, filename?: string): string {
  if (!filename) return disposition;
  if (PLAIN_NAME.test(filename)) return `${disposition}; filename="${filename}"`;
  const fallback = filename.replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]+/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export interface SendFileOptions {
  /** The content type. */
  type: string;
  /** `attachment` (default) downloads; `inline` lets the browser show it (images, PDF in a frame). */
  disposition?: Disposition;
  /** Default `private, no-store`: files carry personal or controlled data. */
  cacheControl?: string;
  /** Adds `x-content-type-options: nosniff` (default true). */
  nosniff?: boolean;
}

/** Sends `body` as the file `filename`. */
export function sendFile(reply: FastifyReply, filename: string | undefined, body: FileBody, options: SendFileOptions): FastifyReply {
  void reply
    .header('content-type', options.type)
    .header('content-disposition', contentDisposition(options.disposition ?? 'attachment', filename))
    .header('cache-control', options.cacheControl ?? 'private, no-store');
  if (options.nosniff ?? true) void reply.header('x-content-type-options', 'nosniff');
  return reply.send(body);
}

/** Sends a finished .xlsx (a buffer or a stream) as a download. The streaming row writer is `sendXlsx` in `excel/workbook.ts`. */
export function sendXlsxFile(reply: FastifyReply, filename: string, body: FileBody): FastifyReply {
  return sendFile(reply, filename, body, { type: XLSX_TYPE });
}

/** Sends a PDF, as a download unless `inline`. */
export function sendPdf(reply: FastifyReply, filename: string, body: FileBody, options: { inline?: boolean } = {}): FastifyReply {
  return sendFile(reply, filename, body, { type: PDF_TYPE, disposition: options.inline ? 'inline' : 'attachment' });
}

/** The content type of a generated file by its name (job results are .xlsx or .pdf). */
export const typeOfGeneratedFile = (filename: string): string => (filename.toLowerCase().endsWith('.pdf') ? PDF_TYPE : XLSX_TYPE);
