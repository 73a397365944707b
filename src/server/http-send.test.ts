import { describe, expect, it } from 'vitest';
import { contentDisposition, typeOfGeneratedFile, PDF_TYPE, XLSX_TYPE } from './http-send';

describe('contentDisposition', () => {
  it('gives a plain ASCII name as a quoted filename only', () => {
    expect(contentDisposition('inline', 'duty-3-4.pdf')).toBe('inline; filename="duty-3-4.pdf"');
    expect(contentDisposition('inline')).toBe('inline');
  });

  it('gives a Chinese name an ASCII fallback and the UTF-8 filename*', () => {
    expect(contentDisposition('attachment', '备案证明-JS-BA-1.pdf')).toBe(
      `attachment; filename="_-JS-BA-1.pdf"; filename*=UTF-8''${encodeURIComponent('备案证明-JS-BA-1.pdf')}`,
    );
  });

  it('never lets a quote, backslash or line break into the header', () => {
    const header = contentDisposition('attachment', 'a"b\\c\r\nd\'(e).xlsx');
    expect(header).not.toMatch(/[\r\n\\]/);
    expect(header).toBe(`attachment; filename="a_b_c_d'(e).xlsx"; filename*=UTF-8''a%22b%5Cc%0D%0Ad%27%28e%29.xlsx`);
  });

  it('types generated files by their name', () => {
    expect(typeOfGeneratedFile('催办通知书.PDF')).toBe(PDF_TYPE);
    expect(typeOfGeneratedFile('台账.xlsx')).toBe(XLSX_TYPE);
  });
});
