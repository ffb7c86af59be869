import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { holdsOrgWide, type Actor } from '../core/actor';
import { ForbiddenError } from '../core/errors';
import { roles } from '../core/roles';
import { requireActor } from '../server/plugins/auth';
import type { UserAdmin } from './users.service';

const roleGrantSchema = z.strictObject({ role: z.enum(roles), businessUnitId: z.uuid().nullish() });

const adminUserSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  disabledAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  hasPassword: z.boolean(),
  sso: z.boolean(),
  roles: z.array(z.object({ role: z.enum(roles), businessUnitId: z.uuid().nullable(), businessUnitName: z.string().nullable() })),
});

const idParams = z.strictObject({ id: z.uuid() });

function requireAdmin(req: FastifyRequest): Actor {
  const actor = requireActor(req);
  if (!holdsOrgWide(actor, 'admin')) throw new ForbiddenError('Only organisation admins manage users and roles.');
  return actor;
}

/**
 * The user is looked up in the caller's organisation before the role check, so another
 * organisation's id is not found for every caller, never forbidden.
 */
async function requireAdminOver(req: FastifyRequest, users: UserAdmin, userId: string): Promise<Actor> {
  await users.get(requireActor(req).orgId, userId);
  return requireAdmin(req);
}

/** Users and roles of the caller's organisation; organisation-wide admins only. */
export function registerAdminUserRoutes(app: FastifyInstance, { users }: { users: UserAdmin }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['administration'];

  r.get('/api/v1/admin/users', {
    schema: { tags, summary: 'Users of your organisation with their roles', response: { 200: z.array(adminUserSchema) } },
    handler: (req) => users.list(requireAdmin(req).orgId),
  });

  r.post('/api/v1/admin/users', {
    schema: {
      tags,
      summary: 'Add a user with roles; without a password the user signs in only by single sign-on',
      body: z.strictObject({
        name: z.string().trim().min(1).max(200),
        email: z.email().max(254),
        roles: z.array(roleGrantSchema).max(50),
        password: z.string().min(1).max(1024).optional(),
      }),
      response: { 201: adminUserSchema },
    },
    handler: async (req, reply) => reply.code(201).send(await users.create(requireAdmin(req).orgId, req.body)),
  });

  r.post('/api/v1/admin/users/:id/roles', {
    schema: { tags, summary: "Grant a role (organisation-wide or in one business unit); ends the user's sessions", params: idParams, body: roleGrantSchema, response: { 200: adminUserSchema } },
    handler: async (req) => {
      const actor = await requireAdminOver(req, users, req.params.id);
      return users.grantRole(actor.orgId, req.params.id, req.body, actor.userId);
    },
  });

  r.post('/api/v1/admin/users/:id/roles/revoke', {
    schema: { tags, summary: "Revoke a role grant; ends the user's sessions", params: idParams, body: roleGrantSchema, response: { 200: adminUserSchema } },
    handler: async (req) => {
      const actor = await requireAdminOver(req, users, req.params.id);
      return users.revokeRole(actor.orgId, req.params.id, req.body, actor.userId);
    },
  });

  r.post('/api/v1/admin/users/:id/disable', {
    schema: { tags, summary: 'Disable a user: their sessions end and their API tokens stop working at once', params: idParams, response: { 200: adminUserSchema } },
    handler: async (req) => {
      const actor = await requireAdminOver(req, users, req.params.id);
      return users.disable(actor.orgId, req.params.id, actor.userId);
    },
  });

  r.post('/api/v1/admin/users/:id/enable', {
    schema: { tags, summary: 'Enable a disabled user again', params: idParams, response: { 200: adminUserSchema } },
    handler: async (req) => users.enable((await requireAdminOver(req, users, req.params.id)).orgId, req.params.id),
  });
}
