import { randomUUID } from 'node:crypto';
import type { Clock } from '../../core/clock';
import { isoDate } from '../../core/dates';
import { transition } from '../../core/lifecycle';
import type { Db } from '../../db/client';
import { enqueueJob } from '../../jobs/queue';
import { notifyUser } from '../../notify/notifications.service';
import { transitionEntry, type TransitionHooks } from '../../offers/offer-events.service';
import { writeOffer } from '../../offers/offer-writer';
import { findOffer, findVersion } from '../../offers/offers.repo';
import type { ObjectStore } from '../../storage/object-store';
import type { OfferTerms } from '../intake/offer-terms.schema';
import { renderDocument, type RenderSubject } from './document-render';
import { listClauses, listPacketRules, listTemplates, recordStoredObject } from './library.repo';
import { loadCustomMerge, loadMergeSources } from './merge-input.repo';
import { selectDocuments, type RuleMatch } from './packet-selection';
import { findPacket, insertPacket, type PacketDocument } from './packets.repo';

export const PACKET_JOB = 'packet.generate';

/** Queued in the transaction that moved the offer to `drafting`; the rendering runs after commit. */
export async function queuePacket(tx: Db, offer: { orgId: string; id: string }, versionNumber: number, now: Date): Promise<void> {
  await enqueueJob(tx, {
    kind: PACKET_JOB,
    orgId: offer.orgId,
    payload: { offerId: offer.id, version: versionNumber },
    runAt: now,
    dedupeKey: `packet:${offer.id}:v${versionNumber}`,
  });
}

export type GenerateOutcome = 'generated' | 'skipped' | 'no_library' | 'no_documents';

/**
 * Stage 3: the packet of one version. Rules choose the templates, each is filled from the
 * version and stored by SHA-256, and in one transaction the packet is recorded and the offer
 * moves on (packet approvals, or approved). A version that is no longer current gets nothing.
 */
export function createPacketGenerator({ db, clock, store, hooks }: { db: Db; clock: Clock; store: ObjectStore; hooks: TransitionHooks }) {
  async function generate(orgId: string, offerId: string, versionNumber: number): Promise<GenerateOutcome> {
    const offer = await findOffer(db, orgId, offerId);
    if (!offer || offer.currentVersion !== versionNumber || offer.status !== 'drafting') return 'skipped';
    const rules = await listPacketRules(db, orgId);
    if (rules.length === 0) return 'no_library';
    const documents = (await findPacket(db, orgId, offerId, versionNumber))?.documents ?? (await render(offer, versionNumber, rules));
    if (documents.length === 0) {
      await db.transaction((tx) =>
        notifyUser(tx, {
          orgId,
          userId: offer.recruiterId,
          offerId,
          kind: 'packet.no_documents',
          title: `No offer letter matches ${offer.title}`,
          body: 'No packet rule chose a template for this offer. Add a rule for its employment type and state, then generate again.',
          now: clock.now(),
        }),
      );
      return 'no_documents';
    }
    await db.transaction((tx) =>
      writeOffer(tx, clock, { orgId, offerId, actorId: null }, async (locked) => {
        if (locked.status !== 'drafting' || locked.currentVersion !== versionNumber) return { set: {}, entries: [] };
        if (!(await findPacket(tx, orgId, offerId, versionNumber))) {
          await insertPacket(tx, { id: randomUUID(), orgId, offerId, versionNumber, documents, createdAt: clock.now() });
        }
        const context = await hooks.contextFor(tx, locked, 'packet_ready');
        const moved = transition('drafting', 'packet_ready', context);
        if (!moved.ok) return { set: {}, entries: [] };
        const after = await hooks.afterMove(tx, locked, moved);
        const listed = documents.map((d) => ({ templateKey: d.templateKey, templateVersion: d.templateVersion, ruleId: d.ruleId, sha256: d.sha256 }));
        return {
          set: { status: moved.to },
          entries: [{ type: 'packet.generated', data: { version: versionNumber, documents: listed } }, transitionEntry('packet_ready', moved, undefined, context), ...after],
        };
      }),
    );
    return 'generated';
  }

  async function render(offer: NonNullable<Awaited<ReturnType<typeof findOffer>>>, versionNumber: number, rules: Awaited<ReturnType<typeof listPacketRules>>) {
    const version = (await findVersion(db, offer.orgId, offer.id, versionNumber))!;
    const terms = version.terms as OfferTerms;
    const sources = await loadMergeSources(db, offer.orgId, offer, terms);
    const custom = await loadCustomMerge(db, offer.orgId, { fieldVersions: version.fieldVersions }, terms);
    const selected = selectDocuments(
      rules.map((r) => ({ id: r.id, position: r.position, templateKey: r.templateKey, description: r.description, match: r.match as RuleMatch })),
      { employmentType: terms.employmentType, state: terms.location.state, flsaStatus: terms.flsaStatus, roleFamily: sources.requisition?.roleFamily ?? null, businessUnitId: offer.businessUnitId },
    );
    const templates = new Map((await listTemplates(db, offer.orgId)).map((t) => [t.template.key, t]));
    const clauseLibrary = new Map((await listClauses(db, offer.orgId)).map((c) => [c.key, { title: c.title, body: c.body }]));
    const subject: RenderSubject = { terms, versionNumber, sources, clauseLibrary, today: isoDate(clock.now()), createdAt: clock.now(), custom };
    const logo = sources.letterhead.logoSha256 ? ((await store.get(sources.letterhead.logoSha256)) ?? undefined) : undefined;
    const documents: PacketDocument[] = [];
    for (const choice of selected) {
      const found = templates.get(choice.templateKey);
      if (!found?.version) continue;
      const { template, version } = found;
      const docx = version.docxSha256 ? await store.get(version.docxSha256) : null;
      const rendered = await renderDocument({ key: template.key, name: template.name, kind: template.kind, format: template.format, versionNumber: version.number, source: version.source, docx }, subject, logo);
      const stored = await store.put(rendered.bytes);
      await recordStoredObject(db, { sha256: stored.sha256, size: stored.size, mediaType: rendered.mediaType, createdAt: clock.now() });
      documents.push({
        templateKey: template.key,
        templateVersion: version.number,
        name: template.name,
        kind: template.kind,
        ruleId: choice.ruleId,
        ruleDescription: choice.ruleDescription,
        sha256: stored.sha256,
        size: stored.size,
        mediaType: rendered.mediaType,
        text: rendered.text,
        blocks: rendered.blocks,
        signatureFields: rendered.signatureFields,
      });
    }
    return documents;
  }

  return { generate };
}
