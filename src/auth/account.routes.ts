import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clearSessionCookie, requireActor, setSessionCookie } from '../server/plugins/auth';
import type { AccountService } from './account.service';
import { SESSION_ABSOLUTE_MS } from './auth.service';

// Generous upper bound: the password policy names the real limit (128) in a field problem.
const password = z.string().min(1).max(1024);

export function registerAccountRoutes(app: FastifyInstance, { account }: { account: AccountService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['sign-in'];

  r.post('/api/v1/me/password', {
    schema: {
      tags,
      summary: 'Change your password (8-128 characters, not a common one); ends your other sessions and renews this one',
      body: z.strictObject({ currentPassword: password, newPassword: password }),
      response: { 204: z.null() },
    },
    handler: async (req, reply) => {
      const { sessionId } = await account.changePassword(requireActor(req), req.body.currentPassword, req.body.newPassword, req.ip);
      setSessionCookie(req, reply, sessionId, SESSION_ABSOLUTE_MS / 1000);
      return reply.code(204).send(null);
    },
  });

  r.post('/api/v1/auth/sign-out-everywhere', {
    schema: { tags, summary: 'End every session you have, on every device (API tokens stay)', response: { 204: z.null() } },
    handler: async (req, reply) => {
      await account.signOutEverywhere(requireActor(req));
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  });
}
