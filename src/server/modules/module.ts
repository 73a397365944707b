import type { AuditActionCatalogue, AuditActionLabels } from '../audit/actions';
import type { AppContext } from '../context';
import type { ZodApp } from '../http';
import type { JobKind, ScheduledDuty } from '../jobs/handlers';
import type { SearchSource } from './community/search';

/** What modules lend each other at start, gathered from every module (a module never imports another for these). */
export interface ModuleLoans {
  /** Extra sources for the community search (besides the forum's own). */
  searchSources: readonly SearchSource[];
  /** Every module's audit actions (and the platform's) with their labels: the audit log's page, filter and export. */
  auditActions: AuditActionCatalogue;
}

/** Registers a module's routes on the app; most are `xxxRoutes(app, ctx)` as they are. */
export type RoutePlugin = (app: ZodApp, ctx: AppContext, lent: ModuleLoans) => void;

/**
 * One module's definition, exported by its `module.ts`; src/server/modules/index.ts lists them all. The app
 * registers the routes in the modules' order, the runner registers their job kinds, `main.ts` queues the
 * scheduled duties hourly, and the audit log labels its events from the audit actions they declare.
 */
export interface ServerModule {
  /** The module's folder under src/server/modules. */
  name: string;
  /** Route plugins, in registration order. */
  routes?: readonly RoutePlugin[];
  /** The module's background job kinds (handler factory, label, time limit). */
  jobs?: readonly JobKind[];
  /** Daily duties: each queues its job once a day (a singleton key); main.ts calls them at start and hourly. */
  scheduled?: readonly ScheduledDuty[];
  /** Lent to other modules at start (see ModuleLoans). */
  searchSources?: readonly SearchSource[];
  /** Installs module-level setup when an app is built; answers how to give back the previous one on close. */
  setup?: (ctx: AppContext) => () => void;
  /**
   * The audit actions the module records (`recordAudit`, a route's `config.audit`): code → Chinese label. The loader
   * assembles every module's into one catalogue (`ModuleLoans.auditActions`); modules/audit-actions.test.ts fails on an
   * action recorded in code that no module declares.
   */
  auditActions?: AuditActionLabels;
  /** Actions the module no longer records whose labels the events already in the log still need. */
  retiredAuditActions?: AuditActionLabels;
  /** Mutating API paths called without the X-Requested-With header (authenticated otherwise, e.g. a signed token). */
  csrfExempt?: readonly string[];
}
