import type { TestApp } from './test-app';

type Headers = Record<string, string>;

/** What a setup step needs of an injected response (light-my-request's `Response` has these). */
export interface SetupResponse {
  statusCode: number;
  body: string;
}

/**
 * A setup request must get the status the test expects, or the test stops there, naming the step and the answer,
 * instead of going on with a half-made record for a later assertion to trip over. Returns the response.
 */
export function expectStatus<R extends SetupResponse>(res: R, status: number, what = 'setup request'): R {
  if (res.statusCode !== status) throw new Error(`${what}: expected ${String(status)}, got ${String(res.statusCode)} ${res.body}`);
  return res;
}

export interface SetupRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers: Headers;
  payload?: Record<string, unknown> | unknown[] | Buffer | string;
}

/** Sends a setup request, asserts its status and returns the JSON answer (an empty object for an empty body). */
export async function send<T = Record<string, unknown>>(t: TestApp, request: SetupRequest, status: number): Promise<T> {
  const res = await t.app.inject(request);
  expectStatus(res, status, `${request.method} ${request.url}`);
  return (res.body === '' ? {} : res.json()) as T;
}
