import type { z } from 'zod';
import { fieldLabel, fieldMessage } from '../domain/field-labels';

/** The one error type of the server; the error handler turns it into the one error shape of DESIGN.md. */
export interface FieldError {
  path: string;
  message: string;
  /** The field's Chinese name, at the start of `message` (the web shows the message under the field without it). */
  label?: string;
}

export type ErrorCode =
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'INVALID_CREDENTIALS'
  | 'TOTP_REQUIRED'
  | 'TOTP_INVALID'
  | 'ACCOUNT_LOCKED'
  | 'ACCOUNT_DISABLED'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'TOTP_ENROLMENT_REQUIRED'
  | 'FORBIDDEN'
  | 'CSRF'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'VERSION_CONFLICT'
  | 'STATE'
  | 'RULE'
  | 'PAYLOAD_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'DB_UNAVAILABLE'
  | 'READ_ONLY'
  | 'INTERNAL'
  | 'IDP_REQUIRED'
  | 'IDP_UNAVAILABLE'
  | 'IDP_REFUSED';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
    /** Extra members of the error object (e.g. `current` of a version conflict). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = '记录'): AppError => new AppError(404, 'NOT_FOUND', `${what}不存在`);
export const forbidden = (message = '无权执行此操作'): AppError => new AppError(403, 'FORBIDDEN', message);
export const conflict = (message: string, fields?: FieldError[]): AppError => new AppError(409, 'CONFLICT', message, fields);
export const invalid = (path: string, message: string): AppError => new AppError(400, 'VALIDATION', message, [{ path, message }]);
export const stateError = (message: string): AppError => new AppError(409, 'STATE', message);

/**
 * A zod failure of data validated inside a service (not at the route), as the one error shape: the fields are named
 * by the labels `schema` declares along each issue's path.
 */
export function validationError(schema: z.ZodType, issues: readonly { path: readonly PropertyKey[]; message: string }[], prefix = ''): AppError {
  const fields = issues.map((i) => ({
    path: i.path.map(String).join('.'),
    label: fieldLabel(schema, i.path),
    message: fieldMessage(schema, i.path, i.message),
  }));
  return new AppError(400, 'VALIDATION', `${prefix}${fields.map((f) => f.message).join('；')}`, fields);
}

/** A stale edit: the record's version is no longer the one the editor loaded (409 with the current version). */
export const versionConflict = (current: number): AppError => new AppError(409, 'VERSION_CONFLICT', '该记录已被他人修改，请刷新后重试', undefined, { current });
