import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../core/actor';
import { ForbiddenError, NotFoundError } from '../../core/errors';
import { roles, type Role } from '../../core/roles';
import type { Db } from '../../db/client';
import { requireActor } from '../../server/plugins/auth';
import { readableKeys, writableKeys } from './custom-values';
import { definitionsFor } from './custom-values.service';
import { formFieldSchema } from './field-definition.wire';
import { businessUnitExists } from './fields.repo';

/**
 * The custom fields of the intake form for one business unit, as the caller's roles there see
 * them (or, for an admin previewing the layout, as one role sees them): what to show, in which
 * section and order, and whether it can be filled in.
 */

const querySchema = z.strictObject({
  businessUnitId: z.uuid('must be a business unit id'),
  asRole: z.enum(roles, `must be one of ${roles.join(', ')}`).optional().describe('Admins: preview the form as this role sees it'),
});

function rolesIn(actor: Actor, businessUnitId: string): Role[] {
  return [...new Set(actor.roles.filter((g) => g.businessUnitId === null || g.businessUnitId === businessUnitId).map((g) => g.role))];
}

export function registerOfferFormRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/offer-form/fields', {
    schema: {
      tags: ['custom fields'],
      summary: 'The custom fields of the intake form for a business unit, in layout order, as your roles see them',
      querystring: querySchema,
      response: { 200: z.array(formFieldSchema) },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      const { businessUnitId, asRole } = req.query;
      if (!(await businessUnitExists(db, actor.orgId, businessUnitId))) throw new NotFoundError('business unit', businessUnitId);
      const mine = rolesIn(actor, businessUnitId);
      if (asRole && !mine.includes('admin')) throw new ForbiddenError('Only admins preview the form as another role.');
      const seeing = asRole ? [asRole] : mine;
      const defs = await definitionsFor(db, actor.orgId, businessUnitId);
      const readable = readableKeys(defs, seeing);
      const writable = writableKeys(defs, seeing);
      return defs
        .filter((d) => readable.has(d.definition.key))
        .map(({ version, definition: d }) => ({ ...d, version, writable: writable.has(d.key), access: undefined }))
        .sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
    },
  });
}
