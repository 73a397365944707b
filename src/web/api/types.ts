/** Shapes of the server answers as JSON (dates arrive as ISO strings); they mirror the zod schemas in the server route modules. */
import type { Answer } from '../../contract/common';
import type { notificationPageSchema, notificationSchema } from '../../contract/notifications';
import type { AccountAbilities } from '../../domain/abilities';
import type { EligibilityRules } from '../../domain/eligibility';
import type { OrgUnitKind } from '../../domain/org-unit';
import type { Permission, Role } from '../../domain/permissions';

export type PendingAction = 'changePassword' | 'enrolTotp';

export interface Me {
  account: { id: number; username: string; displayName: string; role: Role; roleLabel: string };
  orgUnit: { id: number; code: string; name: string; kind: OrgUnitKind; path: string };
  permissions: Permission[];
  pendingActions: PendingAction[];
  totpEnabled: boolean;
  sessionExpiresAt: string;
  /** What the account may do beyond its permissions, decided by the server (domain/abilities.ts). */
  abilities: AccountAbilities;
}

export interface SiteInfo {
  siteTitle: string;
  loginNotice: string;
  passwordMinLength: number;
  passwordMinClasses: number;
}

export interface SystemSettings {
  /** the stored version, sent back with an edit (0 while only the defaults apply) */
  version: number;
  siteTitle: string;
  loginNotice: string;
  filingReviewWorkingDays: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type AccountStatus = 'active' | 'disabled';

export interface Account {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  phone: string | null;
  status: AccountStatus;
  totpEnabled: boolean;
  mustChangePassword: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  orgUnitId: number;
  orgUnitName: string;
  orgUnitPath: string;
  /** Departments: the GB/T 4754 sections (A–T) they follow; null = every industry. */
  industrySections: string[] | null;
}

export interface OrgUnitNode {
  id: number;
  code: string;
  name: string;
  kind: OrgUnitKind;
  path: string;
  source: 'gbt2260' | 'admin';
  children: OrgUnitNode[];
}

export interface OrgUnit {
  id: number;
  code: string;
  name: string;
  kind: OrgUnitKind;
  path: string;
}

export interface AuditEvent {
  id: number;
  seq: number;
  occurredAt: string;
  actorUsername: string | null;
  actorRole: string | null;
  ip: string | null;
  action: string;
  actionLabel: string;
  targetType: string | null;
  targetId: string | null;
  result: 'success' | 'failure';
  details: Record<string, unknown>;
}

export interface AuditAction {
  action: string;
  label: string;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface Job {
  id: number;
  kind: string;
  kindLabel: string;
  status: JobStatus;
  done: number;
  total: number | null;
  result: unknown;
  error: string | null;
  attempts: number;
  cancelRequested: boolean;
  createdAt: string;
  finishedAt: string | null;
  /** The job produced a file (export, import error report): `GET /api/jobs/:id/download`. */
  hasFile: boolean;
}

/** The result of the `audit.verify` job. */
export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBad?: { id: number | null; seq: number; reason: string };
}

export interface TotpSetup {
  secret: string;
  uri: string;
  qrDataUrl: string;
}

// ---- notifications (消息) ----

/** `GET /api/notifications`: one notice to the signed-in account. `link` is an app path (e.g. `/filings/12`) or null. */
export type AppNotification = Answer<typeof notificationSchema>;

/** A page of notices; `unread` counts the account's unread notices, whatever the filter. */
export type NotificationPage = Answer<typeof notificationPageSchema>;

// ---- eligibility rules (任职条件) ----

/** One published version of the rules (`GET /api/eligibility-rules`, `POST` answers the new one). */
export interface EligibilityRulesVersion {
  version: number;
  rules: EligibilityRules;
  note: string | null;
  createdAt: string;
}

export interface EligibilityRulesAnswer {
  current: EligibilityRulesVersion;
  history: EligibilityRulesVersion[];
}
