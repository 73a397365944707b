import { z } from 'zod';
import { actorOf, callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import { idParams, type ZodApp } from '../../http';
import type { OrgUnitNode } from './service';
import { regionsServices } from './services';

const nodeSchema: z.ZodType<OrgUnitNode> = z.lazy(() =>
  z.object({
    id: z.number(),
    code: z.string(),
    name: z.string(),
    kind: z.enum(['province', 'city', 'county', 'zone']),
    path: z.string(),
    source: z.enum(['gbt2260', 'admin']),
    children: z.array(nodeSchema),
  }),
);
const unitSchema = z.object({ id: z.number(), code: z.string(), name: z.string(), kind: z.string(), path: z.string() });
const zoneName = z.string().trim().min(2, { error: '名称至少 2 个字' }).max(40);

export function regionRoutes(app: ZodApp, ctx: AppContext): void {
  const { regions: service } = regionsServices(ctx);

  app.get(
    '/api/org-units/tree',
    { config: { access: 'org_units:read' }, schema: { tags: ['regions'], summary: '本级及下级单位树', response: { 200: z.array(nodeSchema) } } },
    (request) => service.tree(callerOf(request)),
  );

  app.post(
    '/api/org-units',
    {
      config: { access: 'org_units:manage' },
      schema: { tags: ['regions'], summary: '新增开发区/园区', body: z.object({ parentId: z.number().int().positive(), name: zoneName }), response: { 201: unitSchema } },
    },
    async (request, reply) => reply.code(201).send(await service.createZone(callerOf(request), actorOf(request), request.body)),
  );

  app.patch(
    '/api/org-units/:id',
    {
      config: { access: 'org_units:manage' },
      schema: { tags: ['regions'], summary: '修改开发区/园区名称', params: idParams, body: z.object({ name: zoneName }), response: { 200: unitSchema } },
    },
    (request) => service.renameZone(callerOf(request), actorOf(request), request.params.id, request.body.name),
  );
}
