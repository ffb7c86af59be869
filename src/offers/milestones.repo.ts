import { sql } from 'drizzle-orm';
import type { JournalLink } from '../core/journal';
import { terminalStatuses, type OfferStatus } from '../core/lifecycle';
import type { Db } from '../db/client';
import { offerMilestones } from '../db/schema';
import type { ReadModelOffer } from './read-model-context';

/** The journal entries that move a milestone or the offer's dimensions. */
export const milestoneEntryTypes = new Set([
  'offer.created',
  'offer.draft_updated',
  'offer.transitioned',
  'offer.version_created',
  'approval.routed',
  'offer.declined',
]);

type Milestones = typeof offerMilestones.$inferInsert;

/** First time the offer reached each status the metrics measure from. */
const firstReached: Partial<Record<OfferStatus, keyof Milestones>> = {
  approved: 'approvedAt',
  sent: 'sentAt',
  signed: 'signedAt',
  accepted: 'acceptedAt',
  handed_off: 'handedOffAt',
};

const exceptionColumns = { out_of_band: 'outOfBand', over_budget: 'overBudget', non_standard_clause: 'nonStandardClause' } as const;

/** What this batch of entries says, as the row an offer would have if the batch were its whole history. */
export function milestonesOf(entries: JournalLink[]): Partial<Milestones> {
  const m: Partial<Milestones> = {};
  const first = (key: keyof Milestones, at: string) => {
    if (!(key in m)) (m as Record<string, unknown>)[key] = new Date(at);
  };
  for (const e of entries) {
    if (e.type === 'offer.created') {
      first('createdAt', e.at);
      m.status = 'draft';
    } else if (e.type === 'offer.transitioned') {
      const to = String(e.data.to) as OfferStatus;
      m.status = to;
      if (e.data.event === 'submit') first('submittedAt', e.at);
      if (e.data.event === 'verbal_accept') first('verbalAcceptedAt', e.at);
      if (e.data.from === to) continue;
      const key = firstReached[to];
      if (key) first(key, e.at);
      if (terminalStatuses.includes(to)) first('endedAt', e.at);
    } else if (e.type === 'offer.version_created' && Number(e.data.version) > 1) {
      m.revisions = (m.revisions ?? 0) + 1;
    } else if (e.type === 'approval.routed' && Array.isArray(e.data.exceptions)) {
      for (const reason of e.data.exceptions) {
        const column = exceptionColumns[reason as keyof typeof exceptionColumns];
        if (column) m[column] = true;
      }
    } else if (e.type === 'offer.declined' && typeof e.data.reason === 'string') {
      m.declineReason = e.data.reason;
    }
  }
  return m;
}

/**
 * Upserts the offer's milestone row: first-reached times keep their earliest value, revisions add
 * up, exception flags only turn on, and status and dimensions follow the offer.
 */
export async function recordMilestones(tx: Db, orgId: string, offerId: string, offer: ReadModelOffer, entries: JournalLink[]): Promise<void> {
  const m = milestonesOf(entries);
  // The offer's latest terms: its draft while there is one, else its current version.
  const { level, employmentType } = offer.draftTerms ?? (await offer.termsAt(offer.currentVersion));
  const row: Milestones = {
    ...m,
    offerId,
    orgId,
    businessUnitId: offer.businessUnitId,
    departmentId: offer.departmentId,
    recruiterId: offer.recruiterId,
    level,
    employmentType,
    status: m.status ?? offer.status,
    createdAt: m.createdAt ?? new Date(entries[0]!.at),
  };
  const t = offerMilestones;
  const keepFirst = (column: string) => sql.raw(`coalesce(offer_milestones.${column}, excluded.${column})`);
  const turnOn = (column: string) => sql.raw(`offer_milestones.${column} or excluded.${column}`);
  await tx
    .insert(t)
    .values(row)
    .onConflictDoUpdate({
      target: t.offerId,
      set: {
        businessUnitId: sql`excluded.business_unit_id`,
        departmentId: sql`excluded.department_id`,
        recruiterId: sql`excluded.recruiter_id`,
        level: sql`excluded.level`,
        employmentType: sql`excluded.employment_type`,
        status: sql`excluded.status`,
        submittedAt: keepFirst('submitted_at'),
        approvedAt: keepFirst('approved_at'),
        sentAt: keepFirst('sent_at'),
        verbalAcceptedAt: keepFirst('verbal_accepted_at'),
        signedAt: keepFirst('signed_at'),
        acceptedAt: keepFirst('accepted_at'),
        handedOffAt: keepFirst('handed_off_at'),
        endedAt: keepFirst('ended_at'),
        revisions: sql`offer_milestones.revisions + excluded.revisions`,
        outOfBand: turnOn('out_of_band'),
        overBudget: turnOn('over_budget'),
        nonStandardClause: turnOn('non_standard_clause'),
        declineReason: sql`coalesce(excluded.decline_reason, offer_milestones.decline_reason)`,
      },
    });
}
