import { todoSchema } from '../../../contract/admin';
import { callerOf } from '../../auth/guards';
import type { AppContext } from '../../context';
import type { ZodApp } from '../../http';
import { homeServices } from './services';

/** The home page's to-do: one endpoint, every role its own counts, computed in the caller's scope. */
export function homeRoutes(app: ZodApp, ctx: AppContext): void {
  const { home } = homeServices(ctx);
  app.get(
    '/api/home/todo',
    {
      config: { access: 'session' },
      schema: { tags: ['home'], summary: '首页待办（按角色与管辖范围计数，各项链接到筛选后的列表）', response: { 200: todoSchema } },
    },
    (request) => home.todo(callerOf(request)),
  );
}
