import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { toCsv } from '../core/csv';
import { withCustomFilters } from '../flow/fields/custom-params';
import { requireActor } from '../server/plugins/auth';
import { csvValue, EXPORT_ROW_LIMIT } from './offer-export';
import type { OfferExport } from './offer-export.service';
import { offerListQuerySchema } from './offers.schema';

/** The list's filters (custom.<key> ones too) and sort; no paging, since an export is every matching offer up to the limit. */
const exportQuerySchema = withCustomFilters(
  offerListQuerySchema
    .pick({ status: true, businessUnitId: true, departmentId: true, recruiterId: true, q: true, sort: true })
    .extend({ format: z.enum(['json', 'csv']).default('json') }),
);

const cell = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

export function registerOfferExportRoutes(app: FastifyInstance, { exporter }: { exporter: OfferExport }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/offers/export', {
    schema: {
      tags: ['offers', 'exports'],
      summary: 'Export the offers the list shows for these filters, as JSON (default) or CSV (format=csv)',
      description:
        `Same filters (custom.<key>=<value> and custom.<key>.min / .max included), sort and visibility as GET /api/v1/offers, every page at once: at most ${EXPORT_ROW_LIMIT.toLocaleString('en-US')} offers ` +
        '(the header `Offerline-Export-Truncated: true`, or `truncated` in JSON, says more matched: narrow the filters). Columns: the summary fields your roles read, ' +
        'then `custom.<key>` for each custom field in force that one of your roles reads; a cell is empty where your roles on that offer may not read the field. ' +
        'Values are stored values: a select\'s option value, money in cents, ISO dates, true/false; a multi select\'s values joined by `;` in CSV, a list in JSON. ' +
        'CSV: RFC 4180, a header row, CRLF, formula-like text prefixed with \'.',
      querystring: exportQuerySchema,
      response: {
        200: z
          .union([
            z.object({ columns: z.array(z.string()), items: z.array(z.record(z.string(), cell)), truncated: z.boolean(), limit: z.int() }),
            z.string().describe('text/csv'),
          ])
          .describe('JSON {columns, items, truncated, limit}, or text/csv'),
      },
    },
    handler: async (req, reply) => {
      const { format, ...filters } = req.query;
      const out = await exporter.exportOffers(requireActor(req), filters);
      if (out.truncated) reply.header('offerline-export-truncated', 'true');
      if (format !== 'csv') return out;
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="offers.csv"');
      return toCsv(out.columns, out.items.map((item) => out.columns.map((c) => csvValue(item[c]))));
    },
  });
}
