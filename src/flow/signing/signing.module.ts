import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../core/clock';
import type { Db } from '../../db/client';
import type { JobRunner } from '../../jobs/worker';
import type { ObjectStore } from '../../storage/object-store';
import { OFFER_COMPLETE_JOB } from './completion-trigger';
import { offerCompletionHandler } from './completion.job';
import { createCountersign } from './countersign.service';
import { createSealCertificateAdmin, ensureAllSealCertificates } from './seal-certificates.service';
import { createSigningSettingsAdmin } from './signing-settings.service';
import { registerSigningRoutes } from './signing.routes';
import { createSigningViews } from './signing-view.service';

/**
 * Countersignature and completion: the admin's seal certificate and signing settings, the
 * signatory's countersignature, the completion job, and the sealed documents. Organisations
 * without a seal certificate get one at server start (and later ones when they first complete
 * an offer, or when an admin first looks).
 */
export function registerSigning(app: FastifyInstance, deps: { db: Db; clock: Clock; store: ObjectStore; jobs: Pick<JobRunner, 'register'>; smtpConfigured: boolean }) {
  deps.jobs.register(OFFER_COMPLETE_JOB, offerCompletionHandler(deps));
  registerSigningRoutes(app, {
    seal: createSealCertificateAdmin(deps),
    settings: createSigningSettingsAdmin(deps),
    countersign: createCountersign(deps),
    views: createSigningViews(deps),
  });
}

/** At server start (after migrations and seeding): a generated seal certificate for every organisation without one. */
export async function generateMissingSealCertificates(app: FastifyInstance, db: Db, clock: Clock): Promise<void> {
  const generated = await ensureAllSealCertificates(db, clock);
  if (generated) app.log.info({ count: generated }, 'generated document seal certificates');
}
