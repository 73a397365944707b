import type { SmsSettings } from '../../config';

/**
 * The one SMS adapter: an HTTP gateway in the shape government SMS platforms use (docs/OPERATIONS.md, 短信网关).
 * POST <url> with JSON `{ account, password, sign, templateId, mobile, params: { title, content }, requestId }`;
 * the platform answers 200 with `{ code: "0", msgId }` when it accepted the message, any other code or status is an error.
 * Error messages never contain the number (they are stored and logged).
 */
export class SmsGateway {
  constructor(
    private readonly settings: SmsSettings,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(mobile: string, message: { title: string; content: string }, requestId: string): Promise<void> {
    let response: Response;
    try {
      response = await fetch(this.settings.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({
          account: this.settings.account,
          password: this.settings.password,
          sign: this.settings.signature,
          templateId: this.settings.templateId,
          mobile,
          params: { title: message.title, content: message.content.slice(0, 300) },
          requestId,
        }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new Error(`短信网关无法连接：${err instanceof Error ? err.name : 'error'}`, { cause: err });
    }
    const text = await response.text();
    if (!response.ok) throw new Error(`短信网关返回 HTTP ${response.status}`);
    let answer: { code?: unknown; message?: unknown };
    try {
      answer = JSON.parse(text) as { code?: unknown; message?: unknown };
    } catch {
      throw new Error('短信网关的应答不是 JSON');
    }
    if (String(answer.code) !== '0')
      throw new Error(`短信网关拒绝发送：${String(answer.code)} ${typeof answer.message === 'string' ? answer.message.slice(0, 200) : ''}`.trim());
  }
}
