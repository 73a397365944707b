import type { AppContext } from '../../context';
import { CERTIFICATE_KINDS } from '../../../domain/certificates';
import { opensFilingDocuments } from '../../../domain/document-access';
import { callerOf } from '../../auth/guards';
import { forbidden, notFound } from '../../errors';
import { idParams, type ZodApp } from '../../http';
import { sendPdf } from '../../http-send';
import { chineseDate, renderProofPdf } from '../certificates/pdf';
import { CertificateService, signatureLabel, signedDataOf } from '../certificates/service';
import type { FilingProofPayload } from './proof';
import { FilingService } from './service';

/** The 备案证明 of a filing as a PDF, rendered from the certificate's stored signed payload. */
export function filingProofRoutes(app: ZodApp, ctx: AppContext): void {
  const certificates = new CertificateService(ctx.crypto);
  const filings = new FilingService(ctx.db, certificates, ctx.settings);
  const tags = ['filings'];

  app.get(
    '/api/filings/:id/proof.pdf',
    { config: { access: 'complete' }, schema: { tags, summary: '下载备案证明（PDF，含核验二维码）', params: idParams } },
    async (request, reply) => {
      const caller = callerOf(request);
      if (!opensFilingDocuments(caller.role)) throw forbidden('仅备案企业、首席质量官本人和审核机关可查看备案材料');
      const filing = await filings.get(caller, request.params.id);
      const cert = await ctx.db
        .selectFrom('certificates')
        .selectAll()
        .where('subject_type', '=', 'filing')
        .where('subject_id', '=', filing.id)
        .where('kind', '=', 'filing_proof')
        .orderBy('id', 'desc')
        .executeTakeFirst();
      if (!cert) throw notFound('备案证明（备案通过后生成）');
      const p = cert.payload as unknown as FilingProofPayload;
      const verifyUrl = `${ctx.config.publicUrl}/verify/${cert.serial}`;
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
            : { watermark: cert.status === 'revoked' ? '已撤销' : '已失效', note: `本证明${cert.status === 'revoked' ? '已撤销' : '已失效'}：${cert.status_reason ?? ''}` },
      });
      return sendPdf(reply, `备案证明-${cert.serial}.pdf`, pdf);
    },
  );
}
