import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/client';
import { requireActor } from '../server/plugins/auth';
import * as repo from './directory.repo';

export function registerDirectoryRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['directory'];

  r.get('/api/v1/business-units', {
    schema: { tags, summary: 'Business units of the organisation', response: { 200: z.array(z.object({ id: z.uuid(), name: z.string() })) } },
    handler: (req) => repo.listBusinessUnits(db, requireActor(req).orgId),
  });

  r.get('/api/v1/departments', {
    schema: {
      tags,
      summary: 'Departments of the organisation',
      response: { 200: z.array(z.object({ id: z.uuid(), name: z.string(), businessUnitId: z.uuid() })) },
    },
    handler: (req) => repo.listDepartments(db, requireActor(req).orgId),
  });

  r.get('/api/v1/candidates', {
    schema: {
      tags,
      summary: 'Candidates, searchable by name or e-mail',
      querystring: z.strictObject({ q: z.string().trim().max(200).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
      response: {
        200: z.array(
          z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string(), email: z.string(), city: z.string().nullable(), state: z.string().nullable() }),
        ),
      },
    },
    handler: (req) => repo.listCandidates(db, requireActor(req).orgId, req.query.q || undefined, req.query.limit),
  });

  r.get('/api/v1/requisitions', {
    schema: {
      tags,
      summary: 'Requisitions, the approved jobs offers are made against',
      response: {
        200: z.array(
          z.object({
            id: z.uuid(),
            code: z.string(),
            title: z.string(),
            level: z.string(),
            departmentId: z.uuid(),
            locationCity: z.string(),
            locationState: z.string(),
            employmentType: z.string(),
            hiringManagerId: z.uuid().nullable(),
            status: z.string(),
          }),
        ),
      },
    },
    handler: (req) => repo.listRequisitions(db, requireActor(req).orgId),
  });

  r.get('/api/v1/users', {
    schema: {
      tags,
      summary: 'People in the organisation and their roles',
      response: { 200: z.array(z.object({ id: z.uuid(), name: z.string(), roles: z.array(z.string()) })) },
    },
    handler: (req) => repo.listUsers(db, requireActor(req).orgId),
  });
}
