import { z } from 'zod';
import { orgUnitSchema, orgUnitTreeSchema } from '../../../contract/admin';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { idParams, type ZodApp } from '../../http';
import { regionsServices } from './services';

const zoneName = z.string().trim().min(2, { error: '名称至少 2 个字' }).max(40);

export function regionRoutes(app: ZodApp, ctx: AppContext): void {
  const { regions: service } = regionsServices(ctx);

  app.get(
    '/api/org-units/tree',
    { config: { access: 'org_units:read' }, schema: { tags: ['regions'], summary: '本级及下级单位树', response: { 200: orgUnitTreeSchema } } },
    (request) => service.tree(callerOf(request)),
  );

  app.post(
    '/api/org-units',
    {
      config: { access: 'org_units:manage' },
      schema: {
        tags: ['regions'],
        summary: '新增开发区/园区',
        body: z.object({ parentId: z.number().int().positive().meta({ title: '上级单位' }), name: zoneName.meta({ title: '名称' }) }),
        response: { 201: orgUnitSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await service.createZone(callerOf(request), actorOf(request), request.body)),
  );

  app.patch(
    '/api/org-units/:id',
    {
      config: { access: 'org_units:manage' },
      schema: {
        tags: ['regions'],
        summary: '修改开发区/园区名称',
        params: idParams,
        body: z.object({ name: zoneName.meta({ title: '名称' }) }),
        response: { 200: orgUnitSchema },
      },
    },
    (request) => service.renameZone(callerOf(request), actorOf(request), request.params.id, request.body.name),
  );
}
