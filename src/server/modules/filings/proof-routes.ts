import type { AppContext } from '../../context';
import { fileResponse, PDF_TYPE } from '../../../contract/common';
import { opensFilingDocuments } from '../../../domain/document-access';
import { callerOf } from '../../auth/guards';
import { forbidden } from '../../errors';
import { idParams, type ZodApp } from '../../http';
import { sendPdf } from '../../http-send';
import { filingServices } from './services';

/** The 备案证明 of a filing as a PDF, rendered from the certificate's stored signed payload. */
export function filingProofRoutes(app: ZodApp, ctx: AppContext): void {
  const { proofPdf } = filingServices(ctx);
  const tags = ['filings'];

  app.get(
    '/api/filings/:id/proof.pdf',
    {
      config: { access: 'complete' },
      schema: { tags, summary: '下载备案证明（PDF，含核验二维码）', params: idParams, response: fileResponse([PDF_TYPE], '备案证明 PDF') },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      if (!opensFilingDocuments(caller.role)) throw forbidden('仅备案企业、首席质量官本人和审核机关可查看备案材料');
      const { serial, pdf } = await proofPdf.render(caller, request.params.id);
      return sendPdf(reply, `备案证明-${serial}.pdf`, pdf);
    },
  );
}
