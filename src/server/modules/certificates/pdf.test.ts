import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { bureauName, chineseDate } from './pdf';
import { renderProofPdf } from './proof-pdf';
import { renderTrainingCertificatePdf } from './training-certificate-pdf';

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-pdf-'));
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Word {
  page: number;
  yMin: number;
  yMax: number;
  text: string;
}

/** Every word of the PDF with its page and vertical position, as poppler reads it back. */
async function wordsOf(pdf: Buffer, name: string): Promise<Word[]> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, pdf);
  const { stdout } = await run('pdftotext', ['-bbox', file, '-']);
  const words: Word[] = [];
  let page = 0;
  for (const line of stdout.split('\n')) {
    if (line.includes('<page ')) page += 1;
    const m = /<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (m) words.push({ page, yMin: Number(m[1]), yMax: Number(m[2]), text: m[3] ?? '' });
  }
  return words;
}

const find = (words: Word[], text: string): Word => {
  const w = words.find((x) => x.text.includes(text));
  if (!w) throw new Error(`"${text}" not in the PDF`);
  return w;
};

const LONG = '江苏省昆山市高新技术产业开发区精密智能装备制造与检验检测技术服务集团股份有限公司';
const common = {
  serial: 'JS-BA-2026-ABCDEFGH',
  issuer: '昆山市市场监督管理局',
  issuedOn: '2026年10月4日',
  verifyUrl: 'https://cqo.example.gov.cn/verify/JS-BA-2026-ABCDEFGH',
  footnote: '本证明由江苏省企业首席质量官信息管理系统签发。',
};

describe('certificate layout', () => {
  it('formats dates and bureau names once for every certificate', () => {
    expect(chineseDate('2026-10-04')).toBe('2026年10月4日');
    expect(chineseDate('2026-10-19 至 2026-10-20')).toBe('2026年10月19日 至 2026年10月20日');
    expect(bureauName('江苏省')).toBe('江苏省市场监督管理局');
    expect(bureauName('昆山市市场监督管理局')).toBe('昆山市市场监督管理局');
  });

  it('puts the QR code and issuer below long particulars, never over them, on one page when they fit', async () => {
    const pdf = await renderProofPdf({
      ...common,
      title: '首席质量官聘任备案证明',
      statement: `兹证明${LONG}（统一社会信用代码 9132058300000XGN7R）聘任陈质量同志为本企业首席质量官，经昆山市市场监督管理局审核，已完成聘任备案。`,
      rows: [
        ['姓名', '陈质量'],
        ['聘任企业', LONG],
        ['分管部门', '质量管理部、检验检测中心、供应商质量管理部、售后服务与客户满意度管理部、标准化与计量管理办公室'],
        ['直接向总经理负责', '是'],
        ['质量安全一票否决权', '有'],
        ['备案机关', '昆山市市场监督管理局'],
        ['备案日期', '最后一行'],
      ],
    });
    const words = await wordsOf(pdf, 'proof.pdf');
    expect(Math.max(...words.map((w) => w.page))).toBe(1);
    const lastRow = find(words, '最后一行');
    const qrLabel = find(words, '扫码核验真伪');
    // the QR code is 96 pt tall and its label sits under it
    expect(qrLabel.yMin - 99).toBeGreaterThan(lastRow.yMax);
    expect(find(words, '（电子证明，以核验结果为准）').yMin).toBeGreaterThan(lastRow.yMax);
    expect(qrLabel.yMax).toBeLessThan(find(words, '本证明由江苏省').yMin);
  });

  it('moves the closing block to a framed continuation page when the particulars fill the first', async () => {
    const rows = Array.from({ length: 22 }, (_, i): [string, string] => [`事项${String(i + 1)}`, `${LONG}（第${String(i + 1)}行）`]);
    const words = await wordsOf(
      await renderProofPdf({ ...common, title: '首席质量官聘任备案证明', statement: '兹证明。', rows, subjectLine: '陈质量' }),
      'long.pdf',
    );
    const qrLabel = find(words, '扫码核验真伪');
    expect(qrLabel.page).toBe(2);
    expect(find(words, '首席质量官聘任备案证明（续）').page).toBe(2);
    const onPage2 = words.filter((w) => w.page === 2 && w.text.includes('（第'));
    for (const w of onPage2) expect(qrLabel.yMin - 99).toBeGreaterThan(w.yMax);
  });

  it('keeps a long 培训合格证 on one page with the particulars above the QR code and the issuer', async () => {
    const pdf = await renderTrainingCertificatePdf({
      ...common,
      serial: 'JS-PX-2026-ABCDEFGH',
      holderName: '陈质量',
      statement: `陈质量同志（${LONG}）于2026年10月19日 至 2026年10月20日参加昆山市市场监督管理局举办的“2026年度苏州市企业首席质量官基础培训班（第三期·昆山市、太仓市、常熟市联合班）”（基础培训，16 学时），完成规定课程，经考核合格，准予结业。特发此证。`,
      rows: [
        ['居民身份证号', '3205**********200X'],
        ['培训等级', '基础培训'],
        ['培训学时', '16 学时'],
        ['考核成绩', '70 分（合格）'],
        ['承办机构', '苏州市质量技术培训中心（苏州市标准化研究院继续教育部）'],
        ['有效期', '最后一行'],
      ],
    });
    const words = await wordsOf(pdf, 'training.pdf');
    expect(Math.max(...words.map((w) => w.page))).toBe(1);
    const lastRow = find(words, '最后一行');
    expect(find(words, '扫码核验真伪').yMin - 99).toBeGreaterThan(lastRow.yMax);
    expect(find(words, '2026年10月4日').yMin).toBeGreaterThan(lastRow.yMax);
  });
});
