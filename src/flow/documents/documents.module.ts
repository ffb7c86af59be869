import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../core/clock';
import type { OfferEventType } from '../../core/lifecycle';
import type { Db } from '../../db/client';
import type { JobRunner } from '../../jobs/worker';
import type { TransitionHooks } from '../../offers/offer-events.service';
import type { ObjectStore } from '../../storage/object-store';
import { registerDocumentRoutes } from './documents.routes';
import { listPacketRules } from './library.repo';
import { createLibraryService } from './library.service';
import { createPacketGenerator, PACKET_JOB } from './packet-generator';
import { createPacketsService } from './packets.service';
import { createLetterheadService } from './letterhead.service';

/** Stage 3 in one place: the library and packet routes, and the job that generates packets. */
export function registerDocuments(app: FastifyInstance, deps: { db: Db; clock: Clock; store: ObjectStore; hooks: TransitionHooks; jobs: JobRunner }) {
  const { db, clock, store, hooks, jobs } = deps;
  registerDocumentRoutes(app, {
    library: createLibraryService({ db, clock, store }),
    packets: createPacketsService({ db, clock, store }),
    letterhead: createLetterheadService({ db, clock, store }),
  });
  const generator = createPacketGenerator({ db, clock, store, hooks });
  jobs.register(PACKET_JOB, async (job) => {
    const { offerId, version } = job.payload as { offerId?: string; version?: number };
    if (job.orgId && offerId && version) await generator.generate(job.orgId, offerId, version);
  });
}

/**
 * With a template library, packets are generated and the offer moves on by itself; marking the
 * packet ready by hand is for organisations that prepare letters outside Offerline.
 */
export async function refuseManualPacketReady(db: Db, offer: { orgId: string }, event: OfferEventType): Promise<string | null> {
  if (event !== 'packet_ready') return null;
  const rules = await listPacketRules(db, offer.orgId);
  return rules.length ? 'This offer’s packet is generated from the template library; it moves on by itself once the packet is ready.' : null;
}
