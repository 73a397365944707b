/**
 * The one way the web app talks to the server: JSON over fetch with the session cookie.
 * Every request carries `X-Requested-With: XMLHttpRequest`; the server refuses mutating requests without it (CSRF).
 */

export interface FieldError {
  path: string;
  message: string;
  /** The field's Chinese name when the message starts with it ("手机号码：…"), from the request schema's field metadata. */
  label?: string;
}

interface ErrorBody {
  error: { code: string; message: string; fields?: FieldError[] };
}

/** An error answered by the server (or a network failure, with status 0 and code NETWORK). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** What the app is told about answers that change the session state, whichever page made the request. */
export type SessionEvent =
  /** 401 UNAUTHENTICATED from a route other than login/me/logout: the session has expired or was revoked. */
  | 'unauthenticated'
  /** 403 PASSWORD_CHANGE_REQUIRED / TOTP_ENROLMENT_REQUIRED: the account must finish first-login steps. */
  | 'pendingAction';

type SessionEventHandler = (event: SessionEvent) => void;

let sessionEventHandler: SessionEventHandler = (event) => {
  // Fallback until the app registers its own handler: a full reload to the login page.
  if (event === 'unauthenticated' && window.location.pathname !== '/login') window.location.assign('/login');
};

export function setSessionEventHandler(handler: SessionEventHandler): () => void {
  const previous = sessionEventHandler;
  sessionEventHandler = handler;
  return () => {
    sessionEventHandler = previous;
  };
}

/** Routes whose 401 is part of their normal answer and must not bounce the user to the login page. */
const NO_REDIRECT_PATHS = new Set(['/api/auth/login', '/api/auth/me', '/api/auth/logout']);

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

/** Builds `path?query`, dropping empty values. */
export function withQuery(path: string, query?: QueryParams): string {
  if (!query) return path;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

const fallbackMessage = (status: number): string => {
  if (status === 404) return '请求的资源不存在';
  if (status === 429) return '请求过于频繁，请稍后再试';
  if (status >= 500) return '服务器暂时无法处理请求，请稍后重试';
  return `请求失败（${status}）`;
};

export interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
}

export async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json' };
  const hasBody = options.body !== undefined;
  const isForm = options.body instanceof FormData;
  // No Content-Type without a body: the server rejects an empty body declared as JSON. A FormData body gets
  // its multipart Content-Type (with the boundary) from the browser.
  if (hasBody && !isForm) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: hasBody ? (isForm ? (options.body as FormData) : JSON.stringify(options.body)) : null,
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }

  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text) as unknown;
    } catch {
      data = undefined;
    }
  }

  if (!response.ok) {
    const error = isErrorBody(data)
      ? new ApiError(response.status, data.error.code, data.error.message, data.error.fields ?? [])
      : new ApiError(response.status, 'HTTP_ERROR', fallbackMessage(response.status));
    const bare = path.split('?')[0] ?? path;
    if (error.status === 401 && error.code === 'UNAUTHENTICATED' && !NO_REDIRECT_PATHS.has(bare)) sessionEventHandler('unauthenticated');
    if (error.status === 403 && (error.code === 'PASSWORD_CHANGE_REQUIRED' || error.code === 'TOTP_ENROLMENT_REQUIRED')) {
      sessionEventHandler('pendingAction');
    }
    throw error;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal): Promise<T> =>
    request<T>('GET', path, { ...(query ? { query } : {}), ...(signal ? { signal } : {}) }),
  post: <T>(path: string, body?: unknown): Promise<T> => request<T>('POST', path, { body }),
  put: <T>(path: string, body: unknown): Promise<T> => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown): Promise<T> => request<T>('PATCH', path, { body }),
  delete: <T>(path: string): Promise<T> => request<T>('DELETE', path),
  /** A multipart upload (e.g. an Excel file under the field `file`). */
  upload: <T>(path: string, form: FormData): Promise<T> => request<T>('POST', path, { body: form }),
};

/** The Chinese message to show for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return '操作失败，请稍后重试';
}
