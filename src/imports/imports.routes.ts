import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { holdsOrgWide, type Actor } from '../core/actor';
import { ForbiddenError } from '../core/errors';
import { requireActor } from '../server/plugins/auth';
import { importKinds } from './csv-columns';
import type { Imports } from './imports.service';

/** CSV bodies may be large: 100,000 rows of a wide file fit well inside this. */
export const IMPORT_BODY_LIMIT = 50 * 1024 * 1024;

const problemItem = z.object({
  line: z.int().describe('Line of the file; the header is line 1 (0: not tied to a line)'),
  column: z.string().nullable().describe('Column name; null for the whole row or file'),
  message: z.string(),
});

export const importRunSchema = z.object({
  id: z.uuid(),
  kind: z.enum(importKinds),
  filename: z.string(),
  dryRun: z.boolean(),
  status: z.enum(['running', 'done', 'failed']).describe('failed: the file was refused as a whole (not CSV, bad header); see problems'),
  phase: z.enum(['checking', 'writing', 'finished']),
  totalRows: z.int().describe('Data rows in the file (the header not counted)'),
  processedRows: z.int().describe('Rows checked so far'),
  writtenRows: z.int().describe('Rows written so far (only an import without bad rows writes)'),
  goodRows: z.int(),
  badRows: z.int(),
  imported: z.boolean().describe('True when the rows are in the database: not a dry run and no bad row (all-or-nothing)'),
  problems: z.array(problemItem),
  problemsTruncated: z.boolean(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});

function requireImporter(req: FastifyRequest): Actor {
  const actor = requireActor(req);
  if (!holdsOrgWide(actor, 'admin')) throw new ForbiddenError('Only organisation admins import requisitions, candidates and comp bands.');
  return actor;
}

export function registerImportRoutes(app: FastifyInstance, { imports }: { imports: Imports }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['imports'];
  // The parser keeps the server's body limit; only the import route raises it (a route's own bodyLimit wins).
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.addHook('onClose', () => imports.drain());

  r.post('/api/v1/imports/:kind', {
    bodyLimit: IMPORT_BODY_LIMIT,
    schema: {
      tags,
      summary: 'Import requisitions, candidates or comp bands from a CSV file (the body, text/csv)',
      description:
        'All-or-nothing: every row is checked and each bad cell is reported by line and column; the rows are written (in one transaction) only when no row is bad. ' +
        'Rows matching existing data by key (requisition code, candidate e-mail, band level + zone + currency) update it. ' +
        'With wait=false the answer is 202 at once and GET /api/v1/imports/{runId} shows the progress.',
      consumes: ['text/csv'],
      params: z.strictObject({ kind: z.enum(importKinds) }),
      querystring: z.strictObject({
        dryRun: z.enum(['true', 'false']).default('false').describe('true: check and report only'),
        filename: z.string().trim().min(1).max(255).default('upload.csv').describe('The name shown in the import history'),
        wait: z.enum(['true', 'false']).default('true').describe('false: answer 202 at once and import in the background'),
      }),
      body: z.string().max(IMPORT_BODY_LIMIT).describe('The CSV file, header row first'),
      response: { 200: importRunSchema, 202: importRunSchema },
    },
    handler: async (req, reply) => {
      const actor = requireImporter(req);
      const started = await imports.start({
        orgId: actor.orgId,
        kind: req.params.kind,
        filename: req.query.filename,
        dryRun: req.query.dryRun === 'true',
        csv: req.body,
        createdBy: actor.userId,
      });
      if (req.query.wait === 'false') {
        started.done.catch((err: unknown) => req.log.error({ err }, 'import failed'));
        reply.code(202).header('location', `/api/v1/imports/${started.id}`);
        return imports.get(actor.orgId, started.id);
      }
      return started.done;
    },
  });

  r.get('/api/v1/imports/:runId', {
    schema: {
      tags,
      summary: 'One import with its progress and its report',
      params: z.strictObject({ runId: z.uuid() }),
      response: { 200: importRunSchema },
    },
    handler: async (req) => {
      // Looked up in the caller's organisation first: another organisation's run is not found for every caller.
      const run = await imports.get(requireActor(req).orgId, req.params.runId);
      requireImporter(req);
      return run;
    },
  });

  r.get('/api/v1/imports', {
    schema: { tags, summary: 'The latest imports of your organisation, newest first', response: { 200: z.array(importRunSchema) } },
    handler: (req) => imports.list(requireImporter(req).orgId),
  });
}
