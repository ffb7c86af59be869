import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from '../../core/clock';
import { roles } from '../../core/roles';
import type { Db } from '../../db/client';
import { requireActor } from '../../server/plugins/auth';
import { readIfMatch, requireIfMatch, setEtag } from '../../server/preconditions';
import { filterNames, VIEW_LIMITS, viewColumns, viewPages } from './saved-view';
import { createViewService, type ViewService } from './views.service';

const tags = ['saved views'];
const named = z.object({ id: z.uuid(), name: z.string() });

const viewSchema = z.object({
  id: z.uuid(),
  page: z.enum(viewPages),
  name: z.string(),
  filters: z.record(z.string(), z.string()).describe("The page's query parameters as a query string carries them (GET /api/v1/board or GET /api/v1/offers)"),
  columns: z.array(z.string()).describe('Column keys in the order shown'),
  sharedWithRoles: z.array(z.string()),
  sharedWithBusinessUnit: named.nullable(),
  mine: z.boolean().describe('True for the caller\'s own views, which only they change or delete'),
  sharedBy: named.nullable().describe('Who shared the view with the caller; null for the caller\'s own'),
  rowVersion: z.int().describe('Also the ETag: send it back in If-Match to change the view'),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

const d = (text: string) => z.unknown().optional().describe(text);
/**
 * The view as sent. Properties are declared loosely so that every problem comes back as one 422
 * naming the property (the service validates); docs/api.md describes each in full.
 */
const viewBody = {
  page: d(`${viewPages.join(' or ')}; required on create, never changes`),
  name: d(`Required. 1 to ${VIEW_LIMITS.nameChars} characters, unique among your views of the page`),
  filters: d(
    `Query parameters of the page, as text: board: ${filterNames.board.join(', ')}; offers: ${filterNames.offers.join(', ')}. ` +
      'Checked as the page checks them; paging (limit, cursor) is not kept',
  ),
  columns: d(`Column keys in order: board: ${viewColumns.board.join(', ')}; offers: ${viewColumns.offers.join(', ')}. Left out: the page's own columns`),
  sharedWithRoles: d(`Role names to share with: ${roles.join(', ')}`),
  sharedWithBusinessUnitId: d('A business unit to share with, or null'),
};

const idParams = z.strictObject({ id: z.uuid('must be a saved view id') });

export function registerViewRoutes(app: FastifyInstance, { views }: { views: ViewService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/views', {
    schema: {
      tags,
      summary: 'Saved views of a page: mine, then those shared with me',
      description:
        'Shared views are those shared with a role the caller holds (in the shared business unit, when the view names one) or with a business unit where the caller holds any role; ' +
        'a role held across the organisation holds in every unit. A view holds filters only: the list and the board still show only what the caller may see.',
      querystring: z.strictObject({ page: z.enum(viewPages).describe('offers: the offers list; board: the status board') }),
      response: { 200: z.object({ items: z.array(viewSchema) }) },
    },
    handler: async (req) => ({ items: await views.list(requireActor(req), req.query.page) }),
  });

  r.post('/api/v1/views', {
    schema: {
      tags,
      summary: 'Save a view of the offers list or the status board',
      description: 'Every problem comes back as one 422 naming the property (for example `filters.stage`, `columns.2` or `sharedWithRoles.0`).',
      body: z.object(viewBody).loose(),
      response: { 201: viewSchema },
    },
    handler: async (req, reply) => {
      const created = await views.create(requireActor(req), req.body);
      setEtag(reply, created.rowVersion);
      return reply.code(201).send(created);
    },
  });

  r.get('/api/v1/views/:id', {
    schema: { tags, summary: 'One saved view, mine or shared with me (ETag: its version)', params: idParams, response: { 200: viewSchema } },
    handler: async (req, reply) => {
      const view = await views.get(requireActor(req), req.params.id);
      setEtag(reply, view.rowVersion);
      return view;
    },
  });

  r.put('/api/v1/views/:id', {
    schema: {
      tags,
      summary: 'Change one of my saved views (If-Match)',
      description: "Send the whole view; `page` never changes and may be left out. Only the owner changes a view: anyone else's is not found. 428 without If-Match, 409 when it moved on.",
      params: idParams,
      body: z.object(viewBody).loose(),
      response: { 200: viewSchema },
    },
    handler: async (req, reply) => {
      const actor = requireActor(req);
      const saved = await views.update(actor, req.params.id, requireIfMatch(req, 'view'), req.body);
      setEtag(reply, saved.rowVersion);
      return saved;
    },
  });

  r.delete('/api/v1/views/:id', {
    schema: {
      tags,
      summary: 'Delete one of my saved views',
      description: "Only the owner deletes a view: anyone else's is not found. With If-Match, only the version read is deleted (409 otherwise).",
      params: idParams,
      response: { 204: z.null().describe('Deleted') },
    },
    handler: async (req, reply) => {
      await views.remove(requireActor(req), req.params.id, readIfMatch(req, 'view'));
      return reply.code(204).send(null);
    },
  });
}

/** Wires the saved view service and routes into the app. */
export function registerViews(app: FastifyInstance, deps: { db: Db; clock: Clock }) {
  registerViewRoutes(app, { views: createViewService(deps) });
}
