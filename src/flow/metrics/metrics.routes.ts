import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Clock } from '../../core/clock';
import type { Db } from '../../db/client';
import { requireActor } from '../../server/plugins/auth';
import { renderCsv } from './metrics-csv';
import { metricsRoles } from './metrics-query';
import * as tables from './metrics-tables';
import {
  approvalsSchema,
  approvalToSendSchema,
  cycleTimeSchema,
  exceptionsSchema,
  fallThroughSchema,
  metricsQuerySchema,
  outcomesSchema,
  revisionsSchema,
} from './metrics.schema';
import { createMetricsService, type MetricsService } from './metrics.service';

const common =
  `Roles: ${metricsRoles.join(', ')}, over the business units where the caller holds one (organisation-wide grants: all); 403 otherwise. ` +
  'Filters and period as in the parameters; the answer names the period, filters and scope it used. ' +
  'Custom fields filter as `custom.<key>=<value>` (number, money and date fields also `custom.<key>.min` / `.max`, both included) on the offers\' current custom values, as on GET /api/v1/offers; each of your metrics roles must read the field (422 naming the parameter otherwise). ' +
  '`format=csv` (or `Accept: text/csv`) answers the same numbers as CSV (header row, CRLF). A bad parameter gets 422 problem+json naming it. ' +
  'Durations are minutes (to a tenth); medians and p90 are percentile_cont (linear interpolation); rates are fractions 0..1 (four places). Definitions: docs/api.md#metrics.';

interface Endpoint<T> {
  path: string;
  name: string;
  summary: string;
  description: string;
  schema: z.ZodType<T>;
  compute: (s: MetricsService) => (actor: ReturnType<typeof requireActor>, query: unknown) => Promise<T>;
  table: (dto: T) => tables.MetricTable;
}

const endpoints = [
  {
    path: 'cycle-time',
    name: 'cycle-time',
    summary: 'Cycle time by stage (median, p90) and end to end',
    description: 'Per lifecycle status: stage intervals that ended in the period, minutes from entering to leaving. End to end: offers first accepted in the period, minutes from creation to acceptance.',
    schema: cycleTimeSchema,
    compute: (s) => s.cycleTime,
    table: tables.cycleTimeTable,
  } satisfies Endpoint<z.infer<typeof cycleTimeSchema>>,
  {
    path: 'approvals',
    name: 'approvals',
    summary: 'Time to approve by step, role and approver, with SLA adherence',
    description:
      'Approval steps an approver decided (approved, rejected, changes requested) in the period: minutes from activation to decision, by step, by the role the policy routed it to, and by the approver whose decision closed it; SLA: of those with a due time, met = decided at or before it. Plus steps pending now and past due.',
    schema: approvalsSchema,
    compute: (s) => s.approvals,
    table: tables.approvalsTable,
  } satisfies Endpoint<z.infer<typeof approvalsSchema>>,
  {
    path: 'revisions',
    name: 'revisions',
    summary: 'Revisions per offer: average and distribution (0, 1, 2, 3+)',
    description: 'Offers created in the period; revisions are versions after the first.',
    schema: revisionsSchema,
    compute: (s) => s.revisions,
    table: tables.revisionsTable,
  } satisfies Endpoint<z.infer<typeof revisionsSchema>>,
  {
    path: 'exceptions',
    name: 'exceptions',
    summary: 'Exception rate overall and by reason (out of band, over budget, non-standard clause)',
    description: 'Offers first submitted in the period; an offer counts under a reason when approval routing flagged it on any version.',
    schema: exceptionsSchema,
    compute: (s) => s.exceptions,
    table: tables.exceptionsTable,
  } satisfies Endpoint<z.infer<typeof exceptionsSchema>>,
  {
    path: 'fall-through',
    name: 'fall-through',
    summary: 'Fall-through after verbal acceptance',
    description: 'Offers first verbally accepted in the period: fell through (ended without acceptance), accepted, still open; rate = fell through / (fell through + accepted).',
    schema: fallThroughSchema,
    compute: (s) => s.fallThrough,
    table: tables.fallThroughTable,
  } satisfies Endpoint<z.infer<typeof fallThroughSchema>>,
  {
    path: 'outcomes',
    name: 'outcomes',
    summary: 'Acceptance rate, ends by status and decline reasons',
    description: 'Sent offers whose outcome came in the period: accepted then, or ended then without acceptance (declined, expired, rescinded, withdrawn).',
    schema: outcomesSchema,
    compute: (s) => s.outcomes,
    table: tables.outcomesTable,
  } satisfies Endpoint<z.infer<typeof outcomesSchema>>,
  {
    path: 'approval-to-send',
    name: 'approval-to-send',
    summary: 'Time from first approval to first send (median, p90)',
    description: 'Offers first sent in the period: minutes from first reaching approved to first reaching sent.',
    schema: approvalToSendSchema,
    compute: (s) => s.approvalToSend,
    table: tables.approvalToSendTable,
  } satisfies Endpoint<z.infer<typeof approvalToSendSchema>>,
] as Endpoint<unknown>[];

/** CSV when asked by `format=csv`, or by `Accept: text/csv` without a `format`. */
function wantsCsv(req: FastifyRequest): boolean {
  const format = (req.query as Record<string, unknown> | undefined)?.format;
  if (format !== undefined) return format === 'csv';
  return /\btext\/csv\b/i.test(req.headers.accept ?? '');
}

function sendCsv(reply: FastifyReply, name: string, table: tables.MetricTable, period: { from: string; to: string }) {
  const day = (iso: string) => iso.slice(0, 10);
  reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="metrics-${name}-${day(period.from)}-${day(period.to)}.csv"`);
  return renderCsv(table.columns, table.rows);
}

export function registerMetricsRoutes(app: FastifyInstance, deps: { db: Db; clock: Clock }) {
  const service = createMetricsService(deps);
  for (const e of endpoints) {
    app.get(`/api/v1/metrics/${e.path}`, {
      schema: {
        tags: ['metrics'],
        summary: e.summary,
        description: `${e.description} ${common}`,
        querystring: metricsQuerySchema,
        produces: ['application/json', 'text/csv'],
        response: { 200: z.union([e.schema, z.string().describe('text/csv')]).describe('JSON, or text/csv with format=csv') },
      },
      // The service checks the query so that a bad parameter is a 422 naming it, as the business rules are.
      validatorCompiler: () => (data) => ({ value: data }),
      handler: async (req, reply) => {
        const dto = (await e.compute(service)(requireActor(req), req.query)) as { period: { from: string; to: string } };
        return wantsCsv(req) ? sendCsv(reply, e.name, e.table(dto), dto.period) : dto;
      },
    });
  }
}
