import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CsrfError } from '../../core/errors';
import { SESSION_COOKIE } from './auth';

/** The header the web app sends on every request; a cross-site HTML form cannot set it. */
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_HEADER_VALUE = 'offerline';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Signing in has no session yet, but must still refuse another site's page (login CSRF). */
const SIGN_IN = '/api/v1/auth/sign-in';

/**
 * CSRF defence for cookie-authenticated writes. The cookie is SameSite=Lax and CORS is
 * closed, so a custom header (which forces a CORS preflight) plus the browser's own
 * Sec-Fetch-Site and Origin are enough; a Bearer token is never sent by a browser on its own,
 * so token callers need none of this.
 */
export function registerCsrfGuard(app: FastifyInstance, allowedOrigins: readonly string[]) {
  app.addHook('onRequest', async (req) => {
    if (!UNSAFE.has(req.method) || !req.url.startsWith('/api/')) return;
    if (req.headers.authorization?.startsWith('Bearer ')) return;
    const signingIn = req.routeOptions.url === SIGN_IN;
    const hasSession = req.cookies[SESSION_COOKIE] !== undefined;
    if (!signingIn && !hasSession) return; // anonymous: the auth hook answers 401

    if (req.headers['sec-fetch-site'] === 'cross-site') throw new CsrfError('Requests from another site are refused.');
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== ownOrigin(req) && !allowedOrigins.includes(origin)) {
      throw new CsrfError(`Requests from the origin "${origin.slice(0, 200)}" are refused.`);
    }
    if (!signingIn && req.headers[CSRF_HEADER] !== CSRF_HEADER_VALUE) {
      throw new CsrfError(`Send the header "X-Requested-With: ${CSRF_HEADER_VALUE}" with every change made with a session cookie.`);
    }
  });
}

function ownOrigin(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}
