import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { offerIdParamsSchema } from '../../offers/offers.schema';
import { requireActor } from '../../server/plugins/auth';
import { requireIfMatch, setEtag } from '../../server/preconditions';
import { signatureSubmissionSchema } from './consent';
import type { createCountersign, SignerClient } from './countersign.service';
import type { createSealCertificateAdmin } from './seal-certificates.service';
import { countersignOrders, signingSettingsSchema } from './signing-settings';
import type { createSigningSettingsAdmin } from './signing-settings.service';
import type { createSigningViews } from './signing-view.service';

const sealCertificateSchema = z.object({
  subject: z.string().describe("The certificate's common name, written into every seal"),
  fingerprintSha256: z.string().describe('SHA-256 of the certificate (DER), hex'),
  notAfter: z.iso.datetime(),
  source: z.enum(['generated', 'uploaded']).describe('generated: self-signed by Offerline; uploaded: replaced by an admin'),
  createdAt: z.iso.datetime(),
});

const signingSettingsViewSchema = z.object({
  signatoryUserId: z.uuid().nullable(),
  countersignOrder: z.enum(countersignOrders),
  candidateReminderDays: z.array(z.int()),
  signatory: z.object({ id: z.uuid(), name: z.string(), email: z.string() }).nullable(),
});

const signingStateSchema = z.object({
  countersignOrder: z.enum(countersignOrders),
  signatory: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  signatures: z.array(
    z.object({ signer: z.enum(['candidate', 'company']), signerName: z.string(), signedAt: z.iso.datetime(), versionNumber: z.int(), kind: z.enum(['typed', 'drawn']) }),
  ),
  awaitingCountersignature: z.boolean().describe('The company signature is what the offer waits for now'),
  canCountersign: z.boolean().describe('You are the signatory and may countersign now'),
  completed: z.boolean(),
});

const signedDocumentSchema = z.object({
  name: z.string(),
  templateKey: z.string(),
  versionNumber: z.int(),
  originalSha256: z.string(),
  finalSha256: z.string().describe('SHA-256 of the sealed PDF; download it by this'),
  completedAt: z.iso.datetime(),
});

function signerClient(req: FastifyRequest): SignerClient {
  return {
    ipAddress: req.ip ?? null,
    userAgent: req.headers['user-agent'] ?? null,
    authMethod: /^bearer\s/i.test(req.headers.authorization ?? '') ? 'api_token' : 'session',
  };
}

export function registerSigningRoutes(
  app: FastifyInstance,
  deps: {
    seal: ReturnType<typeof createSealCertificateAdmin>;
    settings: ReturnType<typeof createSigningSettingsAdmin>;
    countersign: ReturnType<typeof createCountersign>;
    views: ReturnType<typeof createSigningViews>;
  },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const admin = ['administration'];
  const signing = ['signing'];

  r.get('/api/v1/admin/seal-certificate', {
    schema: { tags: admin, summary: "The certificate completed documents are sealed with (admins only); never the key", response: { 200: sealCertificateSchema } },
    handler: (req) => deps.seal.get(requireActor(req)),
  });

  r.put('/api/v1/admin/seal-certificate', {
    bodyLimit: 200 * 1024,
    schema: {
      tags: admin,
      summary: 'Replace the seal certificate with your own PKCS#12 (.p12 / .pfx) file, in base64, and its passphrase (admins only)',
      description: 'The file is opened as the sealer will open it; a wrong passphrase, a file without its private key or an expired certificate is refused (422). The earlier certificate is kept, marked replaced.',
      body: z.strictObject({ p12Base64: z.string().min(1).max(180_000), passphrase: z.string().max(1024) }),
      response: { 200: sealCertificateSchema },
    },
    handler: (req) => deps.seal.replace(requireActor(req), req.body),
  });

  r.get('/api/v1/admin/signing-settings', {
    schema: { tags: admin, summary: 'Who countersigns offers for the company, and when (admins only)', response: { 200: signingSettingsViewSchema } },
    handler: (req) => deps.settings.get(requireActor(req)),
  });

  r.put('/api/v1/admin/signing-settings', {
    schema: {
      tags: admin,
      summary: 'Name the company signatory (an active user, or null), countersign before or after the candidate, and the reminder days (admins only)',
      body: signingSettingsSchema,
      response: { 200: signingSettingsViewSchema },
    },
    handler: (req) => deps.settings.put(requireActor(req), req.body),
  });

  r.get('/api/v1/offers/:id/signing', {
    schema: { tags: signing, summary: "The offer's signatures, and whether the company countersignature is awaited", params: offerIdParamsSchema, response: { 200: signingStateSchema } },
    handler: (req) => deps.views.state(requireActor(req), req.params.id),
  });

  r.post('/api/v1/offers/:id/countersign', {
    bodyLimit: 400 * 1024,
    schema: {
      tags: signing,
      summary: 'Countersign the current version as the company signatory (If-Match)',
      description:
        'Only the signatory named in the signing settings. Countersigning "after": once the candidate signed; "before": once the version is approved, and the offer is sent only after it. Records time, IP address, user agent and the sign-in method; the last signature starts the completion.',
      params: offerIdParamsSchema,
      body: signatureSubmissionSchema,
      response: { 200: z.object({ id: z.string(), status: z.string(), rowVersion: z.int() }) },
    },
    handler: async (req, reply) => {
      const row = await deps.countersign.countersign(requireActor(req), req.params.id, requireIfMatch(req), req.body, signerClient(req));
      setEtag(reply, row.rowVersion);
      return { id: row.id, status: row.status, rowVersion: row.rowVersion };
    },
  });

  r.get('/api/v1/offers/:id/signed-documents', {
    schema: { tags: signing, summary: 'The sealed, signed documents of completed versions', params: offerIdParamsSchema, response: { 200: z.array(signedDocumentSchema) } },
    handler: (req) => deps.views.documents(requireActor(req), req.params.id),
  });

  r.get('/api/v1/offers/:id/signed-documents/:sha256', {
    schema: {
      tags: signing,
      summary: 'Download one sealed, signed document (application/pdf)',
      params: offerIdParamsSchema.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex') }),
    },
    handler: async (req, reply) => {
      const doc = await deps.views.download(requireActor(req), req.params.id, req.params.sha256);
      reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${doc.filename}"`).header('cache-control', 'private, no-store');
      return reply.send(doc.bytes);
    },
  });
}
