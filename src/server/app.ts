import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { systemClock, type Clock } from '../core/clock';
import type { Database } from '../db/client';
import { createAuthService } from '../auth/auth.service';
import { registerAuthRoutes } from '../auth/auth.routes';
import { registerAuditRoutes } from '../audit/audit.routes';
import { createCompensationViews } from '../audit/compensation-views.service';
import { createAccountService } from '../auth/account.service';
import { registerAccountRoutes } from '../auth/account.routes';
import { createUserAdmin } from '../admin/users.service';
import { registerAdminUserRoutes } from '../admin/users.routes';
import { createSignInGuard, type SignInLimits } from '../auth/sign-in-guard';
import type { OidcConfig } from '../auth/oidc/oidc-config';
import { registerOidcRoutes } from '../auth/oidc/oidc.routes';
import { createOidcService } from '../auth/oidc/oidc.service';
import { registerDirectoryRoutes } from '../directory/directory.routes';
import { createIntakeService } from '../flow/intake/intake.service';
import { registerIntakeRoutes } from '../flow/intake/intake.routes';
import { registerJournalRoutes } from '../journal/journal.routes';
import { createOfferEventsService } from '../offers/offer-events.service';
import { createOffersService } from '../offers/offers.service';
import { registerOfferRoutes } from '../offers/offers.routes';
import { createOfferExport } from '../offers/offer-export.service';
import { registerOfferExportRoutes } from '../offers/offer-export.routes';
import { createIdempotency } from './idempotency';
import { registerAuth } from './plugins/auth';
import { registerCsrfGuard } from './plugins/csrf';
import { registerSecurityHeaders } from './plugins/security-headers';
import { sendFrameworkError, registerErrorHandling } from './plugins/errors';
import { registerNulGuard } from './plugins/reject-nul';
import { problemSchema } from './problem';
import { registerWebApp } from './plugins/web-app';
import { createJobRunner, type JobRunner } from '../jobs/worker';
import { createApprovals } from '../flow/approvals/approvals.module';
import { OFFER_EXPIRY_JOB, offerExpiryHandler } from '../offers/offer-expiry';
import { refuseManualPacketReady, registerDocuments } from '../flow/documents/documents.module';
import { createLocalObjectStore } from '../storage/local-object-store';
import { registerPortal, revokeLinksOnMove } from '../flow/portal/portal.module';
import type { TransitionHooks } from '../offers/offer-events.service';
import type { ObjectStore } from '../storage/object-store';
import { createMailer, type MailConfig, type Mailer } from '../notify/mailer';
import { createNotifications } from '../notify/notifications.service';
import { registerNotifyRoutes } from '../notify/notify.routes';
import { createOutbox, EMAIL_DELIVER, emailDeliveryHandler } from '../notify/outbox';
import { registerSigning } from '../flow/signing/signing.module';
import { registerNegotiation } from '../flow/negotiation/negotiation.routes';
import { registerBoard } from '../flow/board/board.routes';
import { registerMetricsRoutes } from '../flow/metrics/metrics.routes';
import { registerFields } from '../flow/fields/fields.routes';
import { registerViews } from '../flow/views/views.routes';
import { registerHandoff, startOnboardingOnMove } from '../flow/handoff/handoff.module';
import { registerWebhooks } from '../flow/webhooks/webhooks.module';
import { handoffRecordEmitter } from '../flow/webhooks/delivery';
import { registerImportRoutes } from '../imports/imports.routes';
import { createImports } from '../imports/imports.service';
import { registerAtsRoutes } from '../ats/ats.routes';
import { createAts } from '../ats/ats.service';
import { registerMetrics } from './metrics';
import { registerReadiness } from './readiness';

declare module 'fastify' {
  interface FastifyInstance {
    /** The job queue's runner; server.ts starts it after listen, tests call runDue(). */
    jobs: JobRunner;
  }
}

export interface AppOptions {
  database: Database;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  /** Folder of the built web app; omitted in API-only tests. */
  webRoot?: string;
  trustProxy?: boolean;
  /** Origins allowed to call the API from a browser (CORS_ORIGINS); none by default. */
  corsOrigins?: string[];
  /** Sign-in lockout thresholds; the defaults suit production. */
  signInLimits?: SignInLimits;
  /** Single sign-on with OpenID Connect; null or omitted: password sign-in only. */
  oidc?: OidcConfig | null;
  /** SMTP (SMTP_URL, MAIL_FROM); null or omitted: e-mail is held in the outbox. */
  mail?: MailConfig | null;
  /** Replaces the SMTP mailer built from `mail` (tests). */
  mailer?: Mailer;
  /** Where people open the web app (PUBLIC_URL); links in e-mails start here. */
  publicUrl?: string;
  /** Where document bytes are kept; local disk under ./data/objects when omitted. */
  objectStore?: ObjectStore;
  /** Candidate portal rate limits (per IP, failed link lookups per IP, codes per link); the defaults suit production. */
  portalLimits?: Partial<import('./plugins/portal-rate-limit').PortalLimits>;
  /** How long a webhook attempt waits for an answer; 10 s when omitted (tests shorten it). */
  webhookTimeoutMs?: number;
  /** METRICS_TOKEN: when set, GET /metrics requires Authorization: Bearer <token>; open otherwise. */
  metricsToken?: string | null;
}

export const API_VERSION = '0.1.0';

/** Builds the whole server without listening, so tests can inject requests. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { database, clock = systemClock } = options;
  const db = database.db;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 256 * 1024,
    trustProxy: options.trustProxy ?? false,
    genReqId: () => crypto.randomUUID(),
    frameworkErrors: sendFrameworkError,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  registerNulGuard(app);
  // Every answer, problem+json included, names its request id (the one in the log lines).
  app.addHook('onRequest', async (req, reply) => void reply.header('x-request-id', req.id));
  registerMetrics(app, { db, clock, token: options.metricsToken });
  // Every API route answers errors as problem+json; say so in each route's schema.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/') || !route.schema) return;
    const problemContent = { content: { 'application/problem+json': { schema: problemSchema } } };
    route.schema.response = { '4xx': problemContent, '5xx': problemContent, ...(route.schema.response as object) };
  });
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Offerline API', version: API_VERSION, description: 'Offer workflow: intake to a signed offer handed to onboarding.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'offerline_session' },
          token: { type: 'http', scheme: 'bearer', description: 'A personal API token (olt_…)' },
          atsToken: { type: 'http', scheme: 'bearer', description: 'An ATS connection token (olats_…), for the inbound ATS route only' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  const corsOrigins = options.corsOrigins ?? [];
  await registerSecurityHeaders(app, corsOrigins);
  // Swagger UI's own CSP (hashes for its scripts), relaxed for the inline styles its React code
  // writes, and without upgrade-insecure-requests so plain http keeps working locally.
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    transformStaticCSP: (header) =>
      header.replace(/\s*upgrade-insecure-requests;?/, '').replace(/style-src 'self' https:[^;]*;/, "style-src 'self' 'unsafe-inline';"),
  });

  const auth = createAuthService({ db, clock });
  const offers = createOffersService({ db, clock });
  const publicUrl = options.publicUrl ?? 'http://localhost:3000';
  const approvals = createApprovals({
    db,
    clock,
    notices: { publicUrl, smtpConfigured: Boolean(options.mail) },
  });
  const objectStore = options.objectStore ?? createLocalObjectStore('./data/objects');
  const revokeLinks = revokeLinksOnMove(clock);
  const startOnboarding = startOnboardingOnMove(clock);
  const transitionHooks: TransitionHooks = {
    ...approvals.hooks.transitionHooks,
    afterMove: async (tx, offer, moved) => [
      ...(await approvals.hooks.transitionHooks.afterMove(tx, offer, moved)),
      ...(await revokeLinks(tx, offer, moved)),
      ...(await startOnboarding(tx, offer, moved)),
    ],
    refuseManual: refuseManualPacketReady,
  };
  const events = createOfferEventsService({ db, clock, hooks: transitionHooks });
  const intake = createIntakeService({ db, clock, approvals: approvals.hooks });
  const idempotent = createIdempotency({ db, clock });
  const mailer = options.mailer ?? createMailer(options.mail ?? null);
  const jobs = createJobRunner({ db, clock, workerId: `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`, logger: app.log });
  jobs.register(EMAIL_DELIVER, emailDeliveryHandler({ db, mailer, clock, store: objectStore }));
  app.decorate('jobs', jobs);
  // Stop claiming before the database closes; the jobs in hand finish first.
  app.addHook('onClose', async () => {
    await jobs.stop();
    if (!options.mailer) mailer.close();
  });

  registerCsrfGuard(app, corsOrigins);
  registerAuth(app, auth);
  const signInGuard = createSignInGuard({ db, clock, limits: options.signInLimits });
  registerAuthRoutes(app, { auth, signInGuard });
  registerAccountRoutes(app, { account: createAccountService({ db, clock, signInGuard }) });
  registerAdminUserRoutes(app, { users: createUserAdmin({ db, clock }) });
  registerOidcRoutes(app, { oidc: options.oidc ? createOidcService({ config: options.oidc, db, clock, auth }) : null });
  registerDirectoryRoutes(app, { db });
  registerIntakeRoutes(app, { intake, offers, idempotent });
  registerOfferRoutes(app, { offers, events });
  registerOfferExportRoutes(app, { exporter: createOfferExport({ db, clock }) });
  registerJournalRoutes(app, { db, offers });
  registerAuditRoutes(app, { compensationViews: createCompensationViews({ db, clock }) });
  approvals.register(app, { idempotent, jobs, afterMove: transitionHooks.afterMove });
  jobs.register(OFFER_EXPIRY_JOB, offerExpiryHandler({ db, clock, events }));
  registerDocuments(app, { db, clock, store: objectStore, hooks: transitionHooks, jobs });
  registerPortal(app, { db, clock, store: objectStore, settings: { publicUrl, smtpConfigured: Boolean(options.mail) }, jobs, limits: options.portalLimits });
  registerSigning(app, { db, clock, store: objectStore, jobs, smtpConfigured: Boolean(options.mail) });
  registerNegotiation(app, { db, clock, hooks: transitionHooks });
  registerHandoff(app, { db, clock, emit: handoffRecordEmitter(clock) });
  registerBoard(app, { db, clock });
  registerMetricsRoutes(app, { db, clock });
  registerFields(app, { db, clock });
  registerViews(app, { db, clock });
  registerWebhooks(app, { db, clock, jobs, timeoutMs: options.webhookTimeoutMs });
  registerNotifyRoutes(app, { notifications: createNotifications({ db, clock }), outbox: createOutbox({ db }) });
  registerImportRoutes(app, { imports: createImports({ db, clock }) });
  registerAtsRoutes(app, { ats: createAts({ db, clock, intake }) });

  app.get('/api/health', { schema: { hide: true } }, async () => ({ ok: true, engine: database.engine }));
  registerReadiness(app, database);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await registerWebApp(app, options.webRoot);
  return app;
}
