import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roles } from '../core/roles';
import { clearSessionCookie, requireActor, SESSION_COOKIE, setSessionCookie } from '../server/plugins/auth';
import { SESSION_ABSOLUTE_MS, type AuthService } from './auth.service';
import type { SignInGuard } from './sign-in-guard';

const meSchema = z.object({
  user: z.object({ id: z.uuid(), name: z.string(), email: z.string() }),
  organization: z.object({ id: z.uuid(), name: z.string() }),
  roles: z.array(z.enum(roles)),
});

const tokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function registerAuthRoutes(app: FastifyInstance, { auth, signInGuard }: { auth: AuthService; signInGuard: SignInGuard }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['sign-in'];

  r.post('/api/v1/auth/sign-in', {
    schema: {
      tags,
      summary: 'Sign in with e-mail and password; sets the session cookie. Repeated failures lock the e-mail (429, Retry-After)',
      body: z.strictObject({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(128) }),
      response: { 200: meSchema },
    },
    handler: async (req, reply) => {
      const { email, password } = req.body;
      const { sessionId, actor } = await signInGuard.guarded(email, req.ip, () => auth.signIn(email, password, req.cookies[SESSION_COOKIE]));
      setSessionCookie(req, reply, sessionId, SESSION_ABSOLUTE_MS / 1000);
      return auth.me(actor);
    },
  });

  r.post('/api/v1/auth/sign-out', {
    schema: { tags, summary: 'End this session', response: { 204: z.null() } },
    handler: async (req, reply) => {
      const sessionId = req.cookies[SESSION_COOKIE];
      if (sessionId) await auth.signOut(sessionId);
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  });

  r.get('/api/v1/me', {
    schema: { tags, summary: 'Who is signed in', response: { 200: meSchema } },
    handler: (req) => auth.me(requireActor(req)),
  });

  r.get('/api/v1/me/tokens', {
    schema: { tags, summary: 'Your personal API tokens (never the secret)', response: { 200: z.array(tokenSchema) } },
    handler: async (req) =>
      (await auth.listApiTokens(requireActor(req))).map((t) => ({
        ...t,
        createdAt: t.createdAt.toISOString(),
        lastUsedAt: iso(t.lastUsedAt),
        expiresAt: t.expiresAt.toISOString(),
        revokedAt: iso(t.revokedAt),
      })),
  });

  r.post('/api/v1/me/tokens', {
    schema: {
      tags,
      summary: 'Create a personal API token; the secret is shown only in this response',
      body: z.strictObject({ name: z.string().trim().min(1).max(100), expiresInDays: z.int().min(1).max(365).default(90) }),
      response: { 201: z.object({ id: z.uuid(), name: z.string(), token: z.string(), expiresAt: z.iso.datetime() }) },
    },
    handler: async (req, reply) => {
      const created = await auth.createApiToken(requireActor(req), req.body.name, req.body.expiresInDays);
      return reply.code(201).send({ ...created, expiresAt: created.expiresAt.toISOString() });
    },
  });

  r.delete('/api/v1/me/tokens/:id', {
    schema: { tags, summary: 'Revoke a personal API token', params: z.strictObject({ id: z.uuid() }), response: { 204: z.null() } },
    handler: async (req, reply) => {
      await auth.revokeApiToken(requireActor(req), req.params.id);
      return reply.code(204).send(null);
    },
  });
}
