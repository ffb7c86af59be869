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

/** Path segments that are credentials: the segment after one of these prefixes. */
const TOKEN_AFTER = ['/portal/', '/api/v1/portal/', '/approve/', '/api/v1/approval-links/'];
/** Any segment that starts like one of Offerline's secrets (portal link, API token, ATS token, webhook secret). */
const SECRET_SEGMENT = /^(ocl_|olt_|olats_|whsec_)/;

export const MASK = '…';

/**
 * Replaces token path segments with "…": candidate portal links (/portal/ocl_…,
 * /api/v1/portal/ocl_…), approval links (/approve/…, /api/v1/approval-links/…), and any
 * segment shaped like an Offerline secret. Anyone holding such a link can act with it.
 */
export function withoutPathTokens(path: string): string {
  const segments = path.split('/');
  for (let i = 1; i < segments.length; i++) {
    const before = `${segments.slice(0, i).join('/')}/`;
    if (TOKEN_AFTER.includes(before) && segments[i]) segments[i] = MASK;
    else if (SECRET_SEGMENT.test(decodeSafe(segments[i]!))) segments[i] = MASK;
  }
  return segments.join('/');
}

function decodeSafe(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The URL as it may be logged: token path segments masked, query values dropped. */
export function loggableUrl(url: string): string {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  return withoutQueryValues(withoutPathTokens(path) + (q === -1 ? '' : url.slice(q)));
}

export const requestLogSerializers = {
  req(req: FastifyRequest) {
    return { method: req.method, url: loggableUrl(req.url), route: req.routeOptions?.url, remoteAddress: req.ip };
  },
};

/**
 * pino redaction paths for the server logger: credentials in headers, and secret fields in
 * anything a log call passes along (a webhook endpoint's secret, a token, a password).
 */
export const logRedactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'secret',
  'token',
  'password',
  '*.secret',
  '*.token',
  '*.password',
  '*.authorization',
];
