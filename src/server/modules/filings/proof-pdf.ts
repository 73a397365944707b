import { CERTIFICATE_KINDS } from '../../../domain/certificates';
import type { SessionAccount } from '../../auth/session-store';
import type { Database } from '../../db/database';
import { notFound } from '../../errors';
import { chineseDate } from '../certificates/pdf';
import { renderProofPdf } from '../certificates/proof-pdf';
import { signatureLabel, signedDataOf } from '../certificates/service';
import type { FilingProofPayload } from './proof';
import type { FilingViews } from './views';

/** The 备案证明 of a filing as a PDF, rendered from the certificate's stored signed payload. */
export class FilingProofPdfService {
  constructor(
    private readonly db: Database,
    private readonly filings: FilingViews,
    private readonly publicUrl: string,
  ) {}

  /** The latest proof of a filing the caller sees (404 before the approval issued one), with its serial. */
  async render(caller: SessionAccount, filingId: number): Promise<{ serial: string; pdf: Buffer }> {
    const filing = await this.filings.get(caller, filingId);
    const cert = await this.db
      .selectFrom('certificates')
      .selectAll()
      .where('subject_type', '=', 'filing')
      .where('subject_id', '=', filing.id)
      .where('kind', '=', 'filing_proof')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (!cert) throw notFound('备案证明（备案通过后生成）');
    const p = cert.payload as unknown as FilingProofPayload;
    const verifyUrl = `${this.publicUrl}/verify/${cert.serial}`;
    const pdf = await renderProofPdf({
      title: CERTIFICATE_KINDS.filing_proof,
      serial: cert.serial,
      statement: `兹证明${p.enterpriseName}（统一社会信用代码 ${p.uscc}）聘任${p.personName}同志为本企业首席质量官，经${p.bureauName}审核，已完成聘任备案。`,
      rows: [
        ['姓名', p.personName],
        ['居民身份证号', p.idNumberMasked],
        ['聘任企业', p.enterpriseName],
        ['统一社会信用代码', p.uscc],
        ['聘任日期', p.appointmentDate ? chineseDate(p.appointmentDate) : '—'],
        ['分管部门', p.departmentsLed ?? '—'],
        ['直接向总经理负责', p.reportsToGeneralManager ? '是' : '否'],
        ['质量安全一票否决权', p.vetoRight ? '有' : '无'],
        ['备案机关', p.bureauName],
        ['备案日期', chineseDate(p.filedOn)],
      ],
      issuer: p.bureauName,
      issuedOn: chineseDate(p.issuedOn ?? p.filedOn),
      verifyUrl,
      footnote: `本证明由江苏省企业首席质量官信息管理系统签发，带 ${signatureLabel(cert.signature_algorithm)} 数字签名（密钥标识 ${cert.signing_key_id}），可扫描二维码核验。`,
      signed: signedDataOf(cert),
      invalid:
        cert.status === 'valid'
          ? undefined
          : {
              watermark: cert.status === 'revoked' ? '已撤销' : '已失效',
              note: `本证明${cert.status === 'revoked' ? '已撤销' : '已失效'}：${cert.status_reason ?? ''}`,
            },
    });
    return { serial: cert.serial, pdf };
  }
}
