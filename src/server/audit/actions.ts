/**
 * Audit actions are declared where they are recorded (issue 19 item 4): each module lists the actions it records, with
 * their Chinese labels, in its `module.ts` (`auditActions`), and the platform lists its own below. The loader
 * (`moduleLoans` in src/server/modules/index.ts) assembles them into one catalogue, which labels the audit page, its
 * filter and its export, and against which `buildApp` checks every route's `config.audit`.
 * `modules/audit-actions.test.ts` finds every action recorded in code and fails when one is not declared.
 */

/** Action code → Chinese label (shown on the audit page, in its filter and in the export). */
export type AuditActionLabels = Readonly<Record<string, string>>;

/** The actions recorded outside the modules: the seed and `npm run crypto:migrate`. */
export const PLATFORM_AUDIT_ACTIONS: AuditActionLabels = {
  'system.seed': '初始化数据',
  'crypto.profile_migrated': '迁移密码算法（重新加密与签名）',
};

/** One declared action: its label, who declares it (null: the platform) and whether code still records it. */
export interface AuditActionDeclaration {
  action: string;
  label: string;
  module: string | null;
  /** Declared only for the events recorded before (no code records it any more). */
  retired: boolean;
}

/** What a module declares about audit actions (a part of `ServerModule`). */
export interface AuditActionSource {
  name: string;
  /** The actions the module records. */
  auditActions?: AuditActionLabels;
  /** Actions the module no longer records whose labels the events already in the log still need. */
  retiredAuditActions?: AuditActionLabels;
}

/** Every declared action, assembled once from the modules and the platform. */
export class AuditActionCatalogue {
  private readonly byAction = new Map<string, AuditActionDeclaration>();

  /** Refuses an action declared twice (by two modules, or by a module and the platform). */
  constructor(modules: readonly AuditActionSource[], platform: AuditActionLabels = PLATFORM_AUDIT_ACTIONS) {
    const sources: [string | null, AuditActionLabels | undefined, boolean][] = [
      [null, platform, false],
      ...modules.flatMap((m): [string, AuditActionLabels | undefined, boolean][] => [
        [m.name, m.auditActions, false],
        [m.name, m.retiredAuditActions, true],
      ]),
    ];
    for (const [module, labels, retired] of sources) {
      for (const [action, label] of Object.entries(labels ?? {})) {
        const earlier = this.byAction.get(action);
        if (earlier) throw new Error(`Audit action ${action} is declared twice (${earlier.module ?? 'platform'}, ${module ?? 'platform'})`);
        this.byAction.set(action, { action, label, module, retired });
      }
    }
  }

  /** Whether some module (or the platform) declares the action. */
  has(action: string): boolean {
    return this.byAction.has(action);
  }

  /** The action's Chinese label; an undeclared action (an event older than its declaration) shows its code. */
  label(action: string): string {
    return this.byAction.get(action)?.label ?? action;
  }

  /** Every declaration, in the modules' order. */
  list(): AuditActionDeclaration[] {
    return [...this.byAction.values()];
  }
}
