import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../core/errors';
import { SESSION_COOKIE, setSessionCookie } from '../../server/plugins/auth';
import { SESSION_ABSOLUTE_MS } from '../auth.service';
import { decodeOidcFlow, encodeOidcFlow } from './oidc-flow';
import { OIDC_FLOW_MAX_AGE_MS, SsoFailedError, type OidcService } from './oidc.service';

export const OIDC_FLOW_COOKIE = 'offerline_oidc';
const FLOW_COOKIE_PATH = '/api/v1/auth/oidc';
export const SSO_FAILED_LOCATION = '/sign-in?error=sso_failed';

const redirect = z.null().describe('A redirect (Location header); the browser follows it');
const param = z.string().max(4096).optional();

class SsoNotConfiguredError extends AppError {
  constructor() {
    super('not_found', 404, 'Single sign-on is not configured on this server.');
  }
}

/** Sign-in methods for the sign-in page, and the two legs of the OpenID Connect code flow. */
export function registerOidcRoutes(app: FastifyInstance, { oidc }: { oidc: OidcService | null }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['sign-in'];

  r.get('/api/v1/auth/methods', {
    schema: {
      tags,
      summary: 'How people can sign in here (for the sign-in page)',
      response: { 200: z.object({ password: z.literal(true), oidc: z.object({ displayName: z.string() }).nullable() }) },
    },
    handler: async () => ({ password: true as const, oidc: oidc ? { displayName: oidc.displayName } : null }),
  });

  r.get('/api/v1/auth/oidc/start', {
    schema: { tags, summary: 'Start single sign-on: redirects to the identity provider', response: { 302: redirect } },
    handler: async (req, reply) => {
      if (!oidc) throw new SsoNotConfiguredError();
      try {
        const { url, flow } = await oidc.start();
        reply.setCookie(OIDC_FLOW_COOKIE, encodeOidcFlow(flow), {
          path: FLOW_COOKIE_PATH,
          httpOnly: true,
          sameSite: 'lax',
          secure: req.protocol === 'https',
          maxAge: OIDC_FLOW_MAX_AGE_MS / 1000,
        });
        return reply.redirect(url, 302);
      } catch (err) {
        return ssoFailed(req, reply, err);
      }
    },
  });

  r.get('/api/v1/auth/oidc/callback', {
    schema: {
      tags,
      summary: 'Where the identity provider returns: opens a session and redirects to the app',
      // The provider may add parameters of its own (iss, session_state); openid-client reads the raw query.
      querystring: z.looseObject({ code: param, state: param, error: param, error_description: param }),
      response: { 302: redirect },
    },
    handler: async (req, reply) => {
      if (!oidc) throw new SsoNotConfiguredError();
      // One use only: whatever happens next, this browser must start again for another attempt.
      reply.clearCookie(OIDC_FLOW_COOKIE, { path: FLOW_COOKIE_PATH });
      try {
        const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
        const flow = decodeOidcFlow(req.cookies[OIDC_FLOW_COOKIE]);
        const { sessionId, actor } = await oidc.finish(query, flow, req.cookies[SESSION_COOKIE]);
        setSessionCookie(req, reply, sessionId, SESSION_ABSOLUTE_MS / 1000);
        req.log.info({ userId: actor.userId, orgId: actor.orgId }, 'signed in with single sign-on');
        return reply.redirect('/', 302);
      } catch (err) {
        return ssoFailed(req, reply, err);
      }
    },
  });
}

/** The one place a failed single sign-on is logged; the browser only learns that it failed. */
function ssoFailed(req: FastifyRequest, reply: FastifyReply, err: unknown) {
  if (!(err instanceof SsoFailedError)) throw err; // a real fault: the error handler logs it and answers 500
  const cause = err.cause instanceof Error ? err.cause.message : undefined;
  req.log.warn({ reason: err.reason, cause }, 'single sign-on failed');
  return reply.redirect(SSO_FAILED_LOCATION, 302);
}
