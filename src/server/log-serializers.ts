import type { FastifyRequest } from 'fastify';

/**
 * Request log lines keep the path and the names of query parameters but not
 * their values: searches carry candidate names, and the single sign-on callback
 * carries a one-time code and state.
 */
export function withoutQueryValues(url: string): string {
  const [path, query] = url.split('?', 2);
  if (query === undefined) return path!;
  const names = query.split('&').map((pair) => pair.split('=')[0]).filter(Boolean);
  return `${path}?${names.map((n) => `${n}=…`).join('&')}`;
}

export const requestLogSerializers = {
  req(req: FastifyRequest) {
    return { method: req.method, url: withoutQueryValues(req.url), remoteAddress: req.ip };
  },
};
