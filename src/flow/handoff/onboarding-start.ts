import { randomUUID } from 'node:crypto';
import type { Clock } from '../../core/clock';
import { addDays } from '../../core/dates';
import type { TransitionResult } from '../../core/lifecycle';
import type { Db } from '../../db/client';
import type { PendingEntry } from '../../journal/chain';
import { findVersion, type OfferRow } from '../../offers/offers.repo';
import type { OfferTerms } from '../intake/offer-terms.schema';
import { insertContingencies, insertTasks, listContingencies, listTemplates, type TaskTemplateRow } from './handoff.repo';

export const contingencyLabels: Record<string, string> = {
  background_check: 'Background check',
  references: 'References',
  work_authorization: 'Work authorisation (I-9)',
  drug_screen: 'Drug screen',
};

/** Templates that apply to an offer: not retired, for its employment type (or all) and its business unit (or all). */
export function templatesFor(templates: readonly TaskTemplateRow[], employmentType: string, businessUnitId: string): TaskTemplateRow[] {
  return templates.filter((t) => {
    const types = (t.employmentTypes as string[] | null) ?? [];
    return t.retiredAt === null && (types.length === 0 || types.includes(employmentType)) && (t.businessUnitId === null || t.businessUnitId === businessUnitId);
  });
}

/**
 * The `start_onboarding` effect of `complete` (signed → accepted), in the same transaction:
 * one contingency per kind the accepted version lists, and the onboarding tasks of the templates
 * that fit its employment type and business unit, due relative to its start date.
 * Running it twice adds nothing (the contingencies of a version are made once; tasks are unique per template).
 */
export async function startOnboarding(tx: Db, clock: Clock, offer: OfferRow): Promise<PendingEntry[]> {
  const version = await findVersion(tx, offer.orgId, offer.id, offer.currentVersion);
  const terms = version?.terms as OfferTerms | undefined;
  if (!terms) return [];
  const now = clock.now();
  const entries: PendingEntry[] = [];

  if ((await listContingencies(tx, offer.orgId, offer.id, offer.currentVersion)).length === 0) {
    const rows = (terms.contingencies ?? []).map((kind) => ({
      id: randomUUID(),
      orgId: offer.orgId,
      offerId: offer.id,
      versionNumber: offer.currentVersion,
      kind,
      label: contingencyLabels[kind] ?? kind,
      status: 'pending',
      createdAt: now,
    }));
    await insertContingencies(tx, rows);
    for (const r of rows) entries.push({ type: 'contingency.added', data: { contingencyId: r.id, kind: r.kind, version: r.versionNumber } });
  }

  const chosen = templatesFor(await listTemplates(tx, offer.orgId, false), terms.employmentType, offer.businessUnitId);
  await insertTasks(
    tx,
    chosen.map((t) => ({
      id: randomUUID(),
      orgId: offer.orgId,
      offerId: offer.id,
      templateKey: t.key,
      title: t.title,
      description: t.description,
      ownerRole: t.ownerRole,
      assigneeId: t.ownerRole === 'hiring_manager' ? (terms.managerId ?? null) : null,
      dueDate: addDays(terms.startDate, t.dueOffsetDays),
      status: 'open',
      createdAt: now,
    })),
  );
  if (chosen.length) entries.push({ type: 'onboarding.started', data: { templateKeys: chosen.map((t) => t.key) } });
  return entries;
}

/** A transition hook (afterMove) that runs startOnboarding when a move carries the start_onboarding effect. */
export function startOnboardingOnMove(clock: Clock) {
  return async (tx: Db, offer: OfferRow, moved: Extract<TransitionResult, { ok: true }>): Promise<PendingEntry[]> =>
    moved.effects.includes('start_onboarding') ? startOnboarding(tx, clock, offer) : [];
}
