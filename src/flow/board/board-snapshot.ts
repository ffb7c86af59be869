import type { BusinessCalendar } from '../../core/business-hours';
import type { OfferStatus } from '../../core/lifecycle';
import { termLabel } from '../negotiation/term-labels';
import type { PolicyPhase } from '../policy/policy.schema';
import type { SnapshotFacts } from './board-snapshots.repo';
import type { BoardStep, ContingencyState, OfferSnapshot } from './waiting-on';

/** Assembles one offer's OfferSnapshot from the batched facts of its page (board-snapshots.repo.ts). */

export interface SnapshotOffer {
  offerId: string;
  status: string;
  enteredAt: Date;
  recruiterName: string;
  /** Null where the caller's roles may not read the name: the board then says "the candidate". */
  candidateName: string | null;
}

export interface SnapshotContext {
  now: Date;
  calendar: BusinessCalendar;
  signatoryUserId: string | null;
}

/** The facts of a page, indexed by offer once. */
export function indexFacts(facts: SnapshotFacts) {
  const group = <T extends { offerId: string }>(rows: readonly T[]) => {
    const out = new Map<string, T[]>();
    for (const r of rows) out.set(r.offerId, [...(out.get(r.offerId) ?? []), r]);
    return out;
  };
  return {
    facts,
    steps: group(facts.steps),
    changeRequests: group(facts.changeRequests),
    signatures: group(facts.signatures),
    contingencies: group(facts.contingencies),
  };
}
export type IndexedFacts = ReturnType<typeof indexFacts>;

const name = (f: SnapshotFacts, id: string | null | undefined) => (id ? (f.names.get(id) ?? null) : null);

export function snapshotOf(offer: SnapshotOffer, ix: IndexedFacts, ctx: SnapshotContext): OfferSnapshot {
  const f = ix.facts;
  const steps: BoardStep[] = (ix.steps.get(offer.offerId) ?? []).map((s) => ({
    phase: s.phase as PolicyPhase,
    stageKey: s.stageKey,
    stageName: s.stageName,
    stepKey: s.stepKey,
    stepName: s.stepName,
    status: s.status,
    approvers: s.approverIds.map((id) => {
      const delegate = f.delegates.get(id);
      return { name: name(f, id) ?? 'a former user', approved: s.approvedIds.includes(id), delegateName: delegate ? name(f, delegate) : null };
    }),
    quorum: s.quorum,
    activatedAt: s.activatedAt,
    dueAt: s.dueAt,
  }));

  const link = f.links.get(offer.offerId);
  const crs = ix.changeRequests.get(offer.offerId) ?? [];
  const labels = [...new Set(crs.flatMap((cr) => (Array.isArray(cr.deltas) ? cr.deltas : []).map((d: { field?: string; label?: string }) => d.label ?? termLabel(String(d.field ?? '').replace(/^terms\./, '')))))];
  const sigs = ix.signatures.get(offer.offerId) ?? [];
  const candidateSig = sigs.find((s) => s.signer === 'candidate');
  const companySig = sigs.find((s) => s.signer === 'company');
  const conts = ix.contingencies.get(offer.offerId) ?? [];

  return {
    status: offer.status as OfferStatus,
    statusSince: offer.enteredAt,
    recruiterName: offer.recruiterName,
    candidateName: offer.candidateName,
    calendar: ctx.calendar,
    steps,
    packetGenerating: f.packetQueued.has(offer.offerId),
    // The open 'sent' interval began when the offer was sent.
    delivery: offer.status === 'sent' || link ? { sentAt: offer.status === 'sent' ? offer.enteredAt : null, linkExpiresAt: link?.expiresAt ?? null, firstOpenedAt: link?.firstOpenedAt ?? null, lastOpenedAt: link?.lastOpenedAt ?? null } : null,
    changeRequest: crs.length ? { fieldLabels: labels, askedBy: crs[0]!.source === 'candidate' ? 'candidate' : 'recruiter', openedAt: crs[0]!.createdAt } : null,
    signatures: candidateSig || companySig || offer.status === 'signed'
      ? { candidateSignedAt: candidateSig?.signedAt ?? null, countersignAwaited: !!ctx.signatoryUserId && !companySig, signatoryName: name(f, ctx.signatoryUserId) }
      : null,
    closeout: offer.status === 'accepted'
      ? { contingencies: conts.map((c) => ({ label: c.label, status: c.status as ContingencyState, ownerName: name(f, c.ownerUserId) })), startDateConfirmed: f.startDateConfirmed.has(offer.offerId) }
      : null,
    now: ctx.now,
  };
}
