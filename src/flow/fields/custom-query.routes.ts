import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roleNames } from '../../core/actor';
import type { Db } from '../../db/client';
import { requireActor } from '../../server/plugins/auth';
import { queryableFields } from './custom-query';
import { definitionsWithKeys } from './custom-query.repo';
import { queryableFieldSchema } from './field-definition.wire';

/** The custom fields the offers list and the status board can show and filter by, for the caller's filter and column pickers. */
export function registerCustomQueryRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/custom-fields/queryable', {
    schema: {
      tags: ['custom fields'],
      summary: 'Custom fields you can show as columns (`columns=custom.<key>`) and filter by (`custom.<key>=<value>`) on the offers list and the board',
      description: 'Fields in force, in any scope, that one of your roles reads; one entry per key, with the options of every scope that defines it.',
      response: { 200: z.array(queryableFieldSchema) },
    },
    handler: async (req) => {
      const actor = requireActor(req);
      return queryableFields(await definitionsWithKeys(db, actor.orgId, 'all'), roleNames(actor));
    },
  });
}
