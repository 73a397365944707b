import type { FastifyRequest } from 'fastify';

/**
 * What the request log must not keep: invitation tokens in the path of the public invitation lookup and
 * tokens in query strings (`?invite=` links, `?t=` check-in tokens, anything named like a token or code).
 */
const PATH_TOKENS = /^(\/api\/public\/officer-invitations\/)[^/?#]+/;
const SECRET_PARAMS = /^(invite|invitation|token|t|code|secret|key|signature|sig)$/i;

export function redactUrl(url: string): string {
  const [pathPart = '', query] = url.split(/\?(.*)/s, 2);
  const path = pathPart.replace(PATH_TOKENS, '$1[已隐去]');
  if (query === undefined) return path;
  const params = query.split('&').map((pair) => {
    const [name = ''] = pair.split('=', 1);
    return SECRET_PARAMS.test(decodeURIComponentSafe(name)) ? `${name}=[已隐去]` : pair;
  });
  return `${path}?${params.join('&')}`;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The request serializer of the app's logger: Fastify's default fields, with the URL redacted. */
export function serializeRequest(request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket.remotePort,
  };
}
