import type { Actor } from '../../core/actor';
import type { Clock } from '../../core/clock';
import { addDays } from '../../core/dates';
import { ConflictError, ForbiddenError, TransitionNotAllowedError, ValidationError } from '../../core/errors';
import { transition, type OfferStatus } from '../../core/lifecycle';
import type { Db } from '../../db/client';
import { transitionEntry } from '../../offers/offer-events.service';
import { writeOffer } from '../../offers/offer-writer';
import { findVersion } from '../../offers/offers.repo';
import type { OfferTerms } from '../intake/offer-terms.schema';
import { createCloseoutContext, liveRecord, recordOf, requireAccepted } from './closeout-context';
import { createContingencyService } from './contingencies.service';
import { customKeysOf, handoffExportRoles, handoffFieldsOf, handoffView, type HandoffField, type HandoffRecord, type HandoffRecordView } from './handoff-fields';
import * as repo from './handoff.repo';
import { createOnboardingTaskService } from './onboarding-tasks.service';

export { nextActionOf, type NextAction } from './closeout-context';
export { presentContingency } from './contingencies.service';
export { presentTask, presentTemplate } from './onboarding-tasks.service';

/** Called with the frozen handoff record once an offer is handed off (the outbound webhook, when present). */
export type HandoffEmitter = (tx: Db, event: { orgId: string; offerId: string; record: HandoffRecord }) => Promise<unknown>;

/**
 * The closeout of an accepted offer: contingencies and onboarding tasks (their own services),
 * start date confirmation, the hand-off, the handoff view and the HRIS export.
 */
export function createHandoffService({ db, clock, emit }: { db: Db; clock: Clock; emit?: HandoffEmitter }) {
  const ctx = createCloseoutContext({ db, clock });
  const { reach, closeout, closeoutState, auditPay, customView } = ctx;

  async function confirmStartDate(actor: Actor, offerId: string, startDate: string) {
    await closeout(actor, offerId, 'confirm the start date');
    if (startDate < addDays(clock.now().toISOString().slice(0, 10), 0)) {
      throw new ValidationError([{ field: 'startDate', message: `must not be in the past (today is ${clock.now().toISOString().slice(0, 10)})` }]);
    }
    await db.transaction((tx) =>
      writeOffer(tx, clock, { orgId: actor.orgId, offerId, actorId: actor.userId }, async (offer) => {
        requireAccepted(offer, 'the start date can be confirmed');
        const before = await repo.findHandoff(tx, actor.orgId, offerId);
        const version = await findVersion(tx, actor.orgId, offerId, offer.currentVersion);
        const planned = before?.startDateConfirmed ?? (version?.terms as OfferTerms | undefined)?.startDate ?? startDate;
        const shift = Math.round((Date.parse(startDate) - Date.parse(planned)) / 86_400_000);
        await repo.shiftOpenTaskDueDates(tx, actor.orgId, offerId, shift);
        const now = clock.now();
        await repo.upsertHandoff(tx, { offerId, orgId: actor.orgId, versionNumber: offer.currentVersion, startDateConfirmed: startDate, confirmedBy: actor.userId, confirmedAt: now, createdAt: before?.createdAt ?? now });
        return { set: {}, entries: [{ type: 'offer.start_date_confirmed', data: { startDate, version: offer.currentVersion } }] };
      }),
    );
    return handoffFor(actor, offerId);
  }

  async function handOff(actor: Actor, offerId: string, expectedRowVersion: number) {
    await closeout(actor, offerId, 'hand offers off');
    const row = await db.transaction((tx) =>
      writeOffer(tx, clock, { orgId: actor.orgId, offerId, actorId: actor.userId, expectedRowVersion }, async (offer) => {
        const moved = transition(offer.status as OfferStatus, 'hand_off');
        if (!moved.ok) throw new TransitionNotAllowedError(offer.status, 'hand_off');
        const items = await repo.listContingencies(tx, actor.orgId, offerId, offer.currentVersion);
        const open = items.filter((c) => c.status === 'pending' || c.status === 'failed');
        if (open.length) {
          throw new ConflictError(
            `The offer cannot be handed off while contingencies are open: ${open.map((c) => `${c.label} (${c.kind}, ${c.status}, id ${c.id})`).join('; ')}. Each must be cleared or waived.`,
          );
        }
        const handoff = await repo.findHandoff(tx, actor.orgId, offerId);
        if (!handoff?.startDateConfirmed) throw new ConflictError('The offer cannot be handed off before its start date is confirmed (POST …/start-date-confirmation).');
        const now = clock.now();
        const record = { ...(await liveRecord(tx, offer)), handedOffAt: now.toISOString() };
        await repo.upsertHandoff(tx, { ...handoff, versionNumber: offer.currentVersion, record, handedOffAt: now });
        await emit?.(tx, { orgId: actor.orgId, offerId, record });
        return { set: { status: moved.to }, entries: [{ type: 'offer.handed_off', data: { version: offer.currentVersion, startDate: handoff.startDateConfirmed } }, transitionEntry('hand_off', moved)] };
      }),
    );
    return { rowVersion: row.rowVersion, handoff: await handoffFor(actor, offerId) };
  }

  /** The handoff view of one offer: only the fields of the caller's roles that reach it. */
  async function handoffFor(actor: Actor, offerId: string) {
    const { row, roles } = await reach(actor, offerId);
    const fields = handoffFieldsOf(roles);
    if (fields.length === 0) throw new ForbiddenError('Your role sees no handoff data.');
    const handoff = await repo.findHandoff(db, row.orgId, row.id);
    const state = await closeoutState(row);
    const record = await recordOf(db, row);
    const custom = await customView(row.orgId, record, roles);
    await auditPay(actor, row.id, fields, 'offer.handoff', custom.sensitive);
    return {
      offerId: row.id,
      status: row.status,
      rowVersion: row.rowVersion,
      handedOff: Boolean(handoff?.handedOffAt),
      startDateConfirmed: handoff?.startDateConfirmed ?? null,
      nextAction: state.nextAction,
      fields,
      customFields: custom.keys,
      record: handoffView(record, fields, custom.keys),
    };
  }

  /** Handed-off records in [from, to] (UTC dates, inclusive), each cut to the caller's export roles reaching it. */
  async function exportHandoffs(actor: Actor, from: string, to: string) {
    const grants = actor.roles.filter((g) => handoffExportRoles.includes(g.role));
    if (grants.length === 0) throw new ForbiddenError('Only HR ops, payroll and admins export handoff records.');
    const fields = handoffFieldsOf(grants.map((g) => g.role));
    const rows = await repo.listHandoffsBetween(db, actor.orgId, ...dateRange(from, to));
    const items: HandoffRecordView[] = [];
    for (const { handoff, businessUnitId } of rows) {
      const reaching = grants.filter((g) => g.businessUnitId === null || g.businessUnitId === businessUnitId).map((g) => g.role);
      if (!reaching.length || !handoff.record) continue;
      const record = handoff.record as HandoffRecord;
      const custom = await customView(actor.orgId, record, reaching);
      const item = handoffView(record, handoffFieldsOf(reaching), custom.keys);
      await auditPay(actor, String(item.offerId), Object.keys(item) as HandoffField[], 'export.handoffs', custom.sensitive);
      items.push(item);
    }
    return { from, to, fields, customFields: customKeysOf(items), items };
  }

  return {
    ...createContingencyService({ db, clock, ctx }),
    ...createOnboardingTaskService({ db, clock, ctx }),
    confirmStartDate,
    handOff,
    handoffFor,
    exportHandoffs,
  };
}

export type HandoffService = ReturnType<typeof createHandoffService>;

/** [from 00:00 UTC, the day after `to` 00:00 UTC); 422 naming `to` when it is before `from`. */
export function dateRange(from: string, to: string): [Date, Date] {
  if (to < from) throw new ValidationError([{ field: 'to', message: `must not be before from (${from})` }]);
  return [new Date(`${from}T00:00:00.000Z`), new Date(`${addDays(to, 1)}T00:00:00.000Z`)];
}

/** Every handed-off record in the range across all organisations, whole (the CLI: an operator with the database). */
export async function exportAllHandoffs(db: Db, from: string, to: string, orgId: string | null): Promise<{ fields: HandoffField[]; customFields: string[]; items: HandoffRecord[] }> {
  const rows = await repo.listHandoffsBetween(db, orgId, ...dateRange(from, to));
  const items = rows.flatMap(({ handoff }) => (handoff.record ? [handoff.record as HandoffRecord] : []));
  return { fields: handoffFieldsOf(['admin']), customFields: customKeysOf(items), items };
}
