import type { AppContext } from '../context';
import type { ZodApp } from '../http';
import type { JobHandler } from '../jobs/runner';
import type { SearchSource } from './community/search';

/** What modules lend each other at start, gathered from every module (a module never imports another for these). */
export interface ModuleLoans {
  /** Extra sources for the community search (besides the forum's own). */
  searchSources: readonly SearchSource[];
}

/** Registers a module's routes on the app; most are `xxxRoutes(app, ctx)` as they are. */
export type RoutePlugin = (app: ZodApp, ctx: AppContext, lent: ModuleLoans) => void;

/** A job kind a module runs in the background (src/server/jobs/runner.ts). */
export interface ModuleJob {
  kind: string;
  /** Shown on the jobs page. */
  label: string;
  /** Past it the run is aborted and the job fails with a Chinese message. */
  timeoutMs: number;
  handler: (ctx: AppContext) => JobHandler;
}

/**
 * One module's definition, exported by its `module.ts`; src/server/modules/index.ts lists them all. The app
 * registers the routes in the modules' order, the runner registers their job kinds, and `main.ts` queues the
 * scheduled duties hourly.
 */
export interface ServerModule {
  /** The module's folder under src/server/modules. */
  name: string;
  /** Route plugins, in registration order. */
  routes?: readonly RoutePlugin[];
  jobs?: readonly ModuleJob[];
  /** Daily duties: each queues its job once a day (a singleton key), called at start and hourly. */
  scheduled?: readonly ((ctx: AppContext) => Promise<unknown>)[];
  /** Lent to other modules at start (see ModuleLoans). */
  searchSources?: readonly SearchSource[];
  /** Mutating API paths called without the X-Requested-With header (authenticated otherwise, e.g. a signed token). */
  csrfExempt?: readonly string[];
}

export const MINUTE = 60_000;
