import { opensFilingDocuments } from '../../../domain/document-access';
import { EVIDENCE_MIME_TYPES } from '../../storage/upload-checks';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { forbidden } from '../../errors';
import { idParams, type ZodApp } from '../../http';
import { sendEvidence, storeEvidence } from '../../storage/evidence';
import { fileResponse, idSchema, okSchema } from '../../../contract/common';
import { qualificationListSchema } from '../../../contract/filings';
import { qualificationInputSchema } from './qualifications';
import { filingServices } from './services';

export function qualificationRoutes(app: ZodApp, ctx: AppContext): void {
  const { qualifications } = filingServices(ctx);
  const tags = ['qualifications'];

  /**
   * The same two routes under two addresses: `/api/persons/:id/…` for the person and bureaus, `/api/candidates/:id/…`
   * for the enterprise, which names its candidate by its own candidate id and is told no person id.
   */
  for (const via of ['person', 'candidate'] as const) {
    const base = via === 'person' ? '/api/persons/:id/qualifications' : '/api/candidates/:id/qualifications';
    const who = via === 'person' ? '人员' : '拟任人员（本企业登记）';

    app.get(
      base,
      { config: { access: 'complete' }, schema: { tags, summary: `${who}的职称与资格证书`, params: idParams, response: { 200: qualificationListSchema } } },
      (request) => qualifications.list(callerOf(request), via, request.params.id),
    );

    app.post(
      base,
      {
        config: { access: 'complete' },
        schema: {
          tags,
          summary: `登记${who}的职称或资格证书（证明材料另行上传）`,
          params: idParams,
          body: qualificationInputSchema,
          response: { 201: idSchema },
        },
      },
      async (request, reply) => reply.code(201).send(await qualifications.add(callerOf(request), actorOf(request), via, request.params.id, request.body)),
    );
  }

  app.post(
    '/api/qualifications/:id/evidence',
    {
      config: { access: 'complete' },
      schema: { tags, summary: '上传证明材料（PDF/JPG/PNG，≤10 MB）', params: idParams, consumes: ['multipart/form-data'], response: { 200: okSchema } },
    },
    async (request) => {
      await qualifications.attachEvidence(callerOf(request), actorOf(request), request.params.id, () => storeEvidence(request, ctx.files, '证明材料'));
      return { ok: true as const };
    },
  );

  app.get(
    '/api/qualifications/:id/evidence',
    {
      config: { access: 'complete' },
      schema: { tags, summary: '查看证明材料', params: idParams, response: fileResponse(EVIDENCE_MIME_TYPES, '证明材料（PDF 或图片）') },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      if (!opensFilingDocuments(caller.role)) throw forbidden('仅备案企业、首席质量官本人和审核机关可查看备案材料');
      const q = await qualifications.evidenceOf(caller, request.params.id);
      return sendEvidence(reply, ctx.files, q.evidence, `evidence-${q.id}`);
    },
  );

  app.delete(
    '/api/qualifications/:id',
    { config: { access: 'complete' }, schema: { tags, summary: '删除职称或证书', params: idParams, response: { 200: okSchema } } },
    async (request) => {
      await qualifications.remove(callerOf(request), actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
}
