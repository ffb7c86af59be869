import type { Actor } from '../../core/actor';
import type { Clock } from '../../core/clock';
import { isoDate } from '../../core/dates';
import { ForbiddenError, NotFoundError } from '../../core/errors';
import type { Db } from '../../db/client';
import { findVisibleOffer } from '../../offers/offer-access';
import { findVersion } from '../../offers/offers.repo';
import type { ObjectStore } from '../../storage/object-store';
import type { OfferTerms } from '../intake/offer-terms.schema';
import { clauseBlocks, frameOf, mergeContextOf, type RenderSubject } from './document-render';
import { parseMarkup } from './document-model';
import { blocksToHtml } from './html-preview';
import { listClauses } from './library.repo';
import { requireLibraryReader } from './library.service';
import { loadCustomMerge, loadMergeSources } from './merge-input.repo';
import { findPacket, listPackets } from './packets.repo';
import { renderTemplate } from './template-render';
import { diffLines } from './text-diff';

/** Documents quote pay, so reading a packet (or its signed copy) needs the right to read base pay on the offer. */
export const DOCUMENTS_READ_FIELD = 'terms.compensation.baseSalaryCents';
export const DOCUMENTS_FORBIDDEN = "The offer's documents state its pay; your role may not read them.";

/** Reading packets: the list per version, a document's bytes, an HTML preview, a diff of two versions. */
export function createPacketsService({ db, clock, store }: { db: Db; clock: Clock; store: ObjectStore }) {
  async function visible(actor: Actor, offerId: string) {
    const found = await findVisibleOffer(db, actor, offerId);
    if (!found.readable.has(DOCUMENTS_READ_FIELD)) throw new ForbiddenError(DOCUMENTS_FORBIDDEN);
    return found.row;
  }

  async function list(actor: Actor, offerId: string) {
    await visible(actor, offerId);
    return (await listPackets(db, actor.orgId, offerId)).map((p) => ({
      versionNumber: p.versionNumber,
      createdAt: p.createdAt.toISOString(),
      documents: p.documents.map((d) => ({
        templateKey: d.templateKey,
        templateVersion: d.templateVersion,
        name: d.name,
        kind: d.kind,
        ruleDescription: d.ruleDescription,
        sha256: d.sha256,
        size: d.size,
        mediaType: d.mediaType,
      })),
    }));
  }

  async function packetOf(actor: Actor, offerId: string, versionNumber: number) {
    await visible(actor, offerId);
    const packet = await findPacket(db, actor.orgId, offerId, versionNumber);
    if (!packet) throw new NotFoundError('packet', `version ${versionNumber}`);
    return packet;
  }

  async function download(actor: Actor, offerId: string, versionNumber: number, sha256: string) {
    const packet = await packetOf(actor, offerId, versionNumber);
    const doc = packet.documents.find((d) => d.sha256 === sha256);
    if (!doc) throw new NotFoundError('document', sha256);
    const bytes = await store.get(sha256);
    if (!bytes) throw new NotFoundError('document', sha256);
    const extension = doc.mediaType === 'application/pdf' ? 'pdf' : 'docx';
    return { bytes, mediaType: doc.mediaType, filename: `${doc.templateKey}-v${versionNumber}.${extension}` };
  }

  async function preview(actor: Actor, offerId: string, versionNumber: number) {
    const packet = await packetOf(actor, offerId, versionNumber);
    const subject = await subjectOf(actor, offerId, versionNumber);
    return {
      documents: packet.documents.map((d) => ({
        name: d.name,
        kind: d.kind,
        sha256: d.sha256,
        html: d.blocks ? blocksToHtml(d.blocks, frameOf(d, subject)) : null,
      })),
    };
  }

  /** Document by document (matched by template), the text that changed from one version's packet to another's. */
  async function diff(actor: Actor, offerId: string, fromVersion?: number, toVersion?: number) {
    const offer = await visible(actor, offerId);
    const to = toVersion ?? offer.currentVersion;
    const from = fromVersion ?? to - 1;
    if (from < 1) throw new NotFoundError('packet', 'an earlier version');
    const [a, b] = [await packetOf(actor, offerId, from), await packetOf(actor, offerId, to)];
    const keys = [...new Set([...a.documents, ...b.documents].map((d) => d.templateKey))];
    return {
      from,
      to,
      documents: keys.map((key) => {
        const before = a.documents.find((d) => d.templateKey === key);
        const after = b.documents.find((d) => d.templateKey === key);
        return { templateKey: key, name: (after ?? before)!.name, lines: diffLines(before?.text ?? '', after?.text ?? '') };
      }),
    };
  }

  async function subjectOf(actor: Actor, offerId: string, versionNumber: number | null): Promise<RenderSubject> {
    const { row } = await findVisibleOffer(db, actor, offerId);
    const draft = versionNumber === null && row.draftTerms ? (row.draftTerms as OfferTerms) : null;
    const version = draft ? null : await findVersion(db, actor.orgId, offerId, versionNumber ?? row.currentVersion);
    const terms = (draft ?? version?.terms) as OfferTerms | undefined;
    if (!terms) throw new NotFoundError('offer version', String(versionNumber ?? row.currentVersion));
    const sources = await loadMergeSources(db, actor.orgId, row, terms);
    // A draft's values follow the definitions in force; a frozen version's, those it was captured under.
    const custom = await loadCustomMerge(db, actor.orgId, version ? { fieldVersions: version.fieldVersions } : { businessUnitId: row.businessUnitId }, terms);
    const clauseLibrary = new Map((await listClauses(db, actor.orgId)).map((c) => [c.key, { title: c.title, body: c.body }]));
    const now = clock.now();
    return { terms, versionNumber: versionNumber ?? row.currentVersion, sources, clauseLibrary, today: isoDate(now), createdAt: now, custom };
  }

  /** A template being edited, filled for a chosen offer (its draft or current version): the editor's live preview. */
  async function previewTemplate(actor: Actor, input: { source: string; kind: string; name: string; offerId: string }) {
    requireLibraryReader(actor);
    await visible(actor, input.offerId);
    const subject = await subjectOf(actor, input.offerId, null);
    const markup = await renderTemplate(input.source, mergeContextOf(subject));
    const blocks = [...parseMarkup(markup), ...(input.kind === 'letter' ? clauseBlocks(subject.terms, subject.clauseLibrary) : [])];
    return { html: blocksToHtml(blocks, frameOf(input, subject)) };
  }

  return { list, download, preview, diff, previewTemplate };
}

export type PacketsService = ReturnType<typeof createPacketsService>;
