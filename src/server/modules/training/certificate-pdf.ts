import type { Selectable } from 'kysely';
import { clock } from '../../clock';
import type { CertificatesTable } from '../../db/types';
import { chineseDate as cn } from '../certificates/pdf';
import { renderTrainingCertificatePdf } from '../certificates/training-certificate-pdf';
import { signatureLabel, signedDataOf } from '../certificates/service';
import type { TrainingCertificatePayload } from './certificate-issue';

/** The 培训合格证 as a PDF: statement, particulars, verification QR code and signature; marked when revoked or expired. */
export function trainingCertificatePdf(cert: Selectable<CertificatesTable>, publicUrl: string): Promise<Buffer> {
  const p = cert.payload as unknown as TrainingCertificatePayload;
  const statement = `${p.personName}同志${p.enterpriseName ? `（${p.enterpriseName}）` : ''}于${p.period.replace(/\d{4}-\d{2}-\d{2}/g, cn)}参加${p.bureauName}举办的“${p.className}”（${p.tierLabel}培训，${String(p.hours)} 学时），完成规定课程，经考核合格，准予结业。特发此证。`;
  return renderTrainingCertificatePdf({
    serial: cert.serial,
    holderName: p.personName,
    statement,
    rows: [
      ['居民身份证号', p.idNumberMasked],
      ['培训等级', `${p.tierLabel}培训`],
      ['培训学时', `${String(p.hours)} 学时`],
      ['考核成绩', p.score === null ? '合格' : `${String(p.score)} 分（合格）`],
      ...(p.providerName ? ([['承办机构', p.providerName]] as [string, string][]) : []),
      ['有效期', p.expiresOn ? `至 ${cn(p.expiresOn)}` : '长期有效'],
    ],
    issuer: p.bureauName,
    issuedOn: cn(p.issuedOn),
    verifyUrl: `${publicUrl}/verify/${cert.serial}`,
    footnote: `本证书由江苏省企业首席质量官信息管理系统签发，带 ${signatureLabel(cert.signature_algorithm)} 数字签名（密钥标识 ${cert.signing_key_id}），可扫描二维码核验。`,
    signed: signedDataOf(cert),
    invalid:
      cert.status === 'valid'
        ? cert.expires_at && cert.expires_at.getTime() < clock.nowMs()
          ? { watermark: '已过期', note: `本证书已于 ${cn(p.expiresOn ?? '')} 过期` }
          : undefined
        : { watermark: '已撤销', note: `本证书已撤销：${cert.status_reason ?? ''}` },
  });
}
