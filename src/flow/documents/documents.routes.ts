import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InvalidRequestError } from '../../core/errors';
import { offerIdParamsSchema } from '../../offers/offers.schema';
import { requireActor } from '../../server/plugins/auth';
import { templateKinds, type LibraryService } from './library.service';
import { ruleMatchSchema } from './packet-selection';
import type { PacketsService } from './packets.service';
import type { LetterheadService } from './letterhead.service';

const keySchema = z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, 'must be a lowercase key like offer_letter');
const MAX_TEMPLATE_CHARS = 100_000;
const MAX_DOCX_BYTES = 2 * 1024 * 1024;

const templateSchema = z.object({
  key: z.string(),
  name: z.string(),
  kind: z.enum(templateKinds),
  format: z.enum(['liquid', 'docx']),
  version: z.int(),
  fields: z.array(z.string()),
});
const clauseSchema = z.object({ key: z.string(), title: z.string(), body: z.string(), appliesTo: ruleMatchSchema, version: z.int(), updatedAt: z.string() });
const ruleSchema = z.object({ id: z.string(), templateKey: z.string(), description: z.string(), match: ruleMatchSchema });
const versionParams = offerIdParamsSchema.extend({ version: z.coerce.number().int().min(1).max(100_000) });
const documentSummary = z.object({
  templateKey: z.string(),
  templateVersion: z.int(),
  name: z.string(),
  kind: z.string(),
  ruleDescription: z.string().describe('The selection rule that put the document in the packet'),
  sha256: z.string(),
  size: z.int(),
  mediaType: z.string(),
});

const letterheadSchema = z.object({
  organizationName: z.string(),
  addressLines: z.array(z.string()),
  signatoryName: z.string(),
  signatoryTitle: z.string(),
  hasLogo: z.boolean(),
});
const MAX_LOGO_BYTES = 512 * 1024;

export function registerDocumentRoutes(
  app: FastifyInstance,
  { library, packets, letterhead }: { library: LibraryService; packets: PacketsService; letterhead: LetterheadService },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['documents'];

  r.get('/api/v1/letterhead', {
    schema: { tags, summary: "The organisation's letterhead and company signatory", response: { 200: letterheadSchema } },
    handler: async (req) => {
      const { logoSha256: _logo, ...shown } = await letterhead.get(requireActor(req));
      return shown;
    },
  });
  r.put('/api/v1/letterhead', {
    bodyLimit: Math.ceil(MAX_LOGO_BYTES * 1.4) + 4096,
    schema: {
      tags,
      summary: 'Set the letterhead, the logo (PNG; null removes it) and the company signatory (organisation admins)',
      body: z.strictObject({
        addressLines: z.array(z.string().trim().min(1).max(120)).max(4),
        signatoryName: z.string().trim().min(1).max(120),
        signatoryTitle: z.string().trim().min(1).max(120),
        logoPngBase64: z.base64('must be a PNG image in base64').max(Math.ceil(MAX_LOGO_BYTES * 1.37)).nullable().optional(),
      }),
      response: { 200: letterheadSchema },
    },
    handler: async (req) => {
      const { logoPngBase64, ...rest } = req.body;
      const logoPng = logoPngBase64 === null ? null : logoPngBase64 ? Buffer.from(logoPngBase64, 'base64') : undefined;
      const { logoSha256: _logo, ...shown } = await letterhead.save(requireActor(req), { ...rest, ...(logoPng !== undefined ? { logoPng } : {}) });
      return shown;
    },
  });

  r.get('/api/v1/templates', {
    schema: { tags, summary: 'Offer letter, addendum and notice templates with their current version', response: { 200: z.array(templateSchema.extend({ updatedAt: z.string() })) } },
    handler: (req) => library.listTemplates(requireActor(req)),
  });
  const catalogueField = z.object({ path: z.string(), type: z.string(), label: z.string(), description: z.string(), example: z.string() });
  r.get('/api/v1/template-fields', {
    schema: {
      tags,
      summary: 'The merge fields templates may use: the built-in catalogue and the organisation\'s custom fields as custom.<key>',
      description: 'Custom fields are every definition not retired, at its current version (docs/templates.md, "Custom fields").',
      response: { 200: z.object({ builtIn: z.array(catalogueField), custom: z.array(catalogueField) }) },
    },
    handler: (req) => library.listFields(requireActor(req)),
  });
  r.get('/api/v1/templates/:key', {
    schema: {
      tags,
      summary: 'One template: the current source and its version history',
      params: z.strictObject({ key: keySchema }),
      response: { 200: templateSchema.extend({ source: z.string().nullable(), versions: z.array(z.object({ number: z.int(), createdAt: z.string() })) }) },
    },
    handler: (req) => library.getTemplate(requireActor(req), req.params.key),
  });
  r.put('/api/v1/templates/:key', {
    schema: {
      tags,
      summary: 'Save the next version of a Liquid template (admins and legal)',
      description: 'Refused with 422 naming line, column and field when the template does not parse or uses a field outside the catalogue or the organisation\'s custom fields (docs/templates.md).',
      params: z.strictObject({ key: keySchema }),
      body: z.strictObject({ name: z.string().trim().min(1).max(200), kind: z.enum(templateKinds), source: z.string().min(1).max(MAX_TEMPLATE_CHARS) }),
      response: { 200: templateSchema.extend({ source: z.string().nullable(), versions: z.array(z.object({ number: z.int(), createdAt: z.string() })) }) },
    },
    handler: (req) => library.saveTemplate(requireActor(req), req.params.key, req.body),
  });
  r.put('/api/v1/templates/:key/docx', {
    bodyLimit: Math.ceil(MAX_DOCX_BYTES * 1.4) + 4096,
    schema: {
      tags,
      summary: 'Save the next version of a Word template: a .docx whose {placeholders} are catalogue fields (admins and legal)',
      params: z.strictObject({ key: keySchema }),
      body: z.strictObject({ name: z.string().trim().min(1).max(200), kind: z.enum(templateKinds), fileBase64: z.base64('must be the .docx file in base64').max(Math.ceil(MAX_DOCX_BYTES * 1.37)) }),
      response: { 200: templateSchema.extend({ source: z.string().nullable(), versions: z.array(z.object({ number: z.int(), createdAt: z.string() })) }) },
    },
    handler: (req) => {
      const file = Buffer.from(req.body.fileBase64, 'base64');
      if (file.length > MAX_DOCX_BYTES) throw new InvalidRequestError('The file is too large.', [{ field: 'fileBase64', message: `must be at most ${MAX_DOCX_BYTES} bytes` }]);
      return library.saveDocxTemplate(requireActor(req), req.params.key, { name: req.body.name, kind: req.body.kind, file });
    },
  });
  r.post('/api/v1/templates/preview', {
    schema: {
      tags,
      summary: 'A template (saved or not) filled for a chosen offer, as HTML: the live preview of the editor; creates nothing',
      body: z.strictObject({ source: z.string().min(1).max(MAX_TEMPLATE_CHARS), kind: z.enum(templateKinds), name: z.string().trim().min(1).max(200), offerId: z.uuid('must be an offer id') }),
      response: { 200: z.object({ html: z.string() }) },
    },
    handler: (req) => packets.previewTemplate(requireActor(req), req.body),
  });

  r.get('/api/v1/clauses', {
    schema: { tags, summary: 'The clause library: standard clauses with where they apply', response: { 200: z.array(clauseSchema) } },
    handler: (req) => library.listClauses(requireActor(req)),
  });
  r.put('/api/v1/clauses/:key', {
    schema: {
      tags,
      summary: "Save a clause's wording as its next version (admins and legal); offers whose clause text differs from it are non-standard",
      params: z.strictObject({ key: keySchema }),
      body: z.strictObject({ title: z.string().trim().min(1).max(200), body: z.string().trim().min(1).max(20_000), appliesTo: ruleMatchSchema.default({}) }),
      response: { 200: clauseSchema },
    },
    handler: (req) => library.saveClause(requireActor(req), req.params.key, req.body),
  });

  r.get('/api/v1/packet-rules', {
    schema: { tags, summary: 'The ordered rules that choose the documents of a packet', response: { 200: z.array(ruleSchema) } },
    handler: (req) => library.listRules(requireActor(req)),
  });
  r.put('/api/v1/packet-rules', {
    schema: {
      tags,
      summary: 'Replace the packet rules (admins and legal); each names a template and when it applies',
      body: z.strictObject({ rules: z.array(z.strictObject({ templateKey: keySchema, description: z.string().trim().min(1).max(300), match: ruleMatchSchema })).max(200) }),
      response: { 200: z.array(ruleSchema) },
    },
    handler: (req) => library.saveRules(requireActor(req), req.body.rules),
  });

  r.get('/api/v1/offers/:id/packets', {
    schema: { tags, summary: "The offer's packets, one per version, with each document and the rule that chose it", params: offerIdParamsSchema, response: { 200: z.array(z.object({ versionNumber: z.int(), createdAt: z.string(), documents: z.array(documentSummary) })) } },
    handler: (req) => packets.list(requireActor(req), req.params.id),
  });
  r.get('/api/v1/offers/:id/packets/:version/preview', {
    schema: { tags, summary: "A version's packet as HTML, document by document", params: versionParams, response: { 200: z.object({ documents: z.array(z.object({ name: z.string(), kind: z.string(), sha256: z.string(), html: z.string().nullable() })) }) } },
    handler: (req) => packets.preview(requireActor(req), req.params.id, req.params.version),
  });
  r.get('/api/v1/offers/:id/packets/:version/documents/:sha256', {
    schema: { tags, summary: 'Download one document of a packet (PDF or .docx)', params: versionParams.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex') }) },
    handler: async (req, reply) => {
      const doc = await packets.download(requireActor(req), req.params.id, req.params.version, req.params.sha256);
      reply.header('content-type', doc.mediaType).header('content-disposition', `attachment; filename="${doc.filename}"`).header('cache-control', 'private, no-store');
      return reply.send(doc.bytes);
    },
  });
  r.get('/api/v1/offers/:id/packets/diff', {
    schema: {
      tags,
      summary: "What changed in the packet's text between two versions (by default the current version and the one before)",
      params: offerIdParamsSchema,
      querystring: z.strictObject({ from: z.coerce.number().int().min(1).max(100_000).optional(), to: z.coerce.number().int().min(1).max(100_000).optional() }),
      response: {
        200: z.object({ from: z.int(), to: z.int(), documents: z.array(z.object({ templateKey: z.string(), name: z.string(), lines: z.array(z.object({ op: z.enum(['same', 'removed', 'added']), text: z.string() })) })) }),
      },
    },
    handler: (req) => packets.diff(requireActor(req), req.params.id, req.query.from, req.query.to),
  });
}
