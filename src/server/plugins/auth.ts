import '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../core/actor';
import { UnauthenticatedError } from '../../core/errors';
import type { AuthService } from '../../auth/auth.service';

export const SESSION_COOKIE = 'offerline_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** The only /api/v1 routes a caller may reach without being signed in. */
const PUBLIC_ROUTES = new Set([
  '/api/v1/auth/sign-in',
  '/api/v1/auth/sign-out',
  '/api/v1/auth/methods',
  '/api/v1/auth/oidc/start',
  '/api/v1/auth/oidc/callback',
  // The single-use token in an approval e-mail is the credential for that one step.
  '/api/v1/approval-links/:token',
  '/api/v1/approval-links/:token/decision',
  // The candidate's portal link is their credential for their own offer.
  '/api/v1/portal/:token',
  '/api/v1/portal/:token/documents/:sha256',
  '/api/v1/portal/:token/code',
  '/api/v1/portal/:token/sign',
  '/api/v1/portal/:token/decline',
  '/api/v1/portal/:token/changes',
]);

/** Routes that check their own bearer credential (an ATS connection token), never a session or API token. */
const OWN_TOKEN_ROUTES = new Set(['/api/v1/inbound/ats/candidate-moved-to-offer']);

/**
 * Resolves the caller from the session cookie or a bearer API token, and turns
 * an anonymous caller away before the body is parsed or validated. Routes call
 * `requireActor`; nothing below the HTTP layer reads cookies or headers.
 */
export function registerAuth(app: FastifyInstance, auth: AuthService) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/v1/')) return;
    if (OWN_TOKEN_ROUTES.has(req.routeOptions.url ?? '')) return;
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      req.actor = await auth.actorFromApiToken(header.slice(7).trim());
      if (!req.actor) throw new UnauthenticatedError('The API token is unknown, expired or revoked.');
      return;
    }
    const sessionId = req.cookies[SESSION_COOKIE];
    if (sessionId) req.actor = await auth.actorFromSession(sessionId);
    if (!req.actor && !PUBLIC_ROUTES.has(req.routeOptions.url ?? '')) throw new UnauthenticatedError();
  });
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new UnauthenticatedError();
  return req.actor;
}

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, sessionId: string, maxAgeSeconds: number) {
  reply.setCookie(SESSION_COOKIE, sessionId, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https',
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
