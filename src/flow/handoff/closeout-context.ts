import { type Actor } from '../../core/actor';
import { grantsReaching } from '../../core/access/offer-access';
import type { Clock } from '../../core/clock';
import { ConflictError, ForbiddenError } from '../../core/errors';
import type { Role } from '../../core/roles';
import type { Db } from '../../db/client';
import { findVisibleOffer } from '../../offers/offer-access';
import { findVersion, type OfferRow } from '../../offers/offers.repo';
import type { OfferTerms } from '../intake/offer-terms.schema';
import { createCompensationViews } from '../../audit/compensation-views.service';
import { definitionsCapturedBy } from '../fields/custom-values.service';
import { customLeaf } from '../fields/custom-values';
import { handoffCustomKeys, handoffTermsPaths, type HandoffCustomValue, type HandoffField, type HandoffRecord } from './handoff-fields';
import * as repo from './handoff.repo';
import type { ContingencyRow } from './handoff.repo';

/** Roles that run the closeout of an offer: add and decide contingencies, confirm the start date, hand off. */
export const closeoutRoles: readonly Role[] = ['admin', 'recruiter', 'hr_ops'];

export type NextAction = 'rescind' | 'clear_contingencies' | 'confirm_start_date' | 'hand_off' | null;

/** What blocks the handoff, and what the recruiter does next. */
export function nextActionOf(status: string, items: readonly Pick<ContingencyRow, 'status'>[], startDateConfirmed: boolean): NextAction {
  if (status !== 'accepted') return null;
  if (items.some((c) => c.status === 'failed')) return 'rescind';
  if (items.some((c) => c.status === 'pending')) return 'clear_contingencies';
  if (!startDateConfirmed) return 'confirm_start_date';
  return 'hand_off';
}

export function requireAccepted(row: OfferRow, what: string) {
  if (row.status !== 'accepted') throw new ConflictError(`The offer is "${row.status}"; ${what} only while it is "accepted".`);
}

/** The live handoff record: the current version's terms, the confirmed start date, the contingencies. */
export async function liveRecord(d: Db, row: OfferRow): Promise<HandoffRecord> {
  const version = await findVersion(d, row.orgId, row.id, row.currentVersion);
  const terms = (version?.terms ?? {}) as Partial<OfferTerms>;
  const handoff = await repo.findHandoff(d, row.orgId, row.id);
  const people = await repo.findPeople(d, row.orgId, row.candidateId, terms.managerId ?? null);
  const items = await repo.listContingencies(d, row.orgId, row.id, row.currentVersion);
  const c = terms.compensation;
  return {
    offerId: row.id,
    versionNumber: row.currentVersion,
    handedOffAt: handoff?.handedOffAt?.toISOString() ?? null,
    candidateName: row.candidateName,
    candidateEmail: people.candidateEmail,
    title: terms.title ?? row.title,
    level: terms.level ?? null,
    businessUnitId: row.businessUnitId,
    departmentId: terms.departmentId ?? row.departmentId,
    startDate: handoff?.startDateConfirmed ?? terms.startDate ?? row.startDate ?? null,
    locationCity: terms.location?.city ?? null,
    locationState: terms.location?.state ?? null,
    locationRemote: terms.location?.remote ?? null,
    managerId: terms.managerId ?? null,
    managerName: people.managerName,
    employmentType: terms.employmentType ?? null,
    flsaStatus: terms.flsaStatus ?? null,
    payBasis: c?.payBasis ?? null,
    currency: c?.currency ?? null,
    baseSalaryCents: c?.baseSalaryCents ?? null,
    hourlyRateCents: c?.hourlyRateCents ?? null,
    bonusTargetPercent: c?.bonusTargetPercent ?? null,
    signOnBonusCents: c?.signOnBonusCents ?? null,
    relocationCents: c?.relocationCents ?? null,
    equityKind: c?.equity?.kind ?? null,
    equityUnits: c?.equity?.units ?? null,
    equityVestingSchedule: c?.equity?.vestingSchedule ?? null,
    contingencies: items.map((i) => `${i.kind}:${i.status}`).join(';'),
    custom: { ...((terms.custom ?? {}) as Record<string, HandoffCustomValue>) },
  };
}

/** The frozen record once handed off, the live one before. */
export async function recordOf(db: Db, row: OfferRow): Promise<HandoffRecord> {
  const handoff = await repo.findHandoff(db, row.orgId, row.id);
  return (handoff?.record as HandoffRecord | null) ?? liveRecord(db, row);
}

/** Access checks, closeout state and pay auditing shared by the contingency, onboarding task and handoff services. */
export function createCloseoutContext({ db, clock }: { db: Db; clock: Clock }) {
  const compensationViews = createCompensationViews({ db, clock });
  /** Pay shown in a handoff view or export is recorded like pay shown on an offer; so are sensitive custom values (their `terms.custom.<key>` leaves). */
  const auditPay = (actor: Actor, offerId: string, fields: readonly HandoffField[], via: 'offer.handoff' | 'export.handoffs', sensitive: readonly string[] = []) =>
    compensationViews.record(actor, offerId, [...fields.flatMap((f) => handoffTermsPaths[f] ?? []), ...sensitive], via, sensitive);

  /** The offer (404 unless the caller sees it) and the caller's roles that reach it. */
  async function reach(actor: Actor, offerId: string) {
    const { row, facts } = await findVisibleOffer(db, actor, offerId);
    const roles = [...new Set(grantsReaching(actor, facts).map((g) => g.role))];
    return { row, roles };
  }

  /** As reach, and 403 unless one of those roles runs the closeout. */
  async function closeout(actor: Actor, offerId: string, what: string) {
    const r = await reach(actor, offerId);
    if (!r.roles.some((role) => closeoutRoles.includes(role))) throw new ForbiddenError(`Your role may not ${what}; recruiters, HR ops and admins may.`);
    return r;
  }

  async function closeoutState(row: OfferRow) {
    const items = await repo.listContingencies(db, row.orgId, row.id, row.currentVersion);
    const handoff = await repo.findHandoff(db, row.orgId, row.id);
    const confirmed = Boolean(handoff?.startDateConfirmed);
    return {
      items,
      startDateConfirmed: handoff?.startDateConfirmed ?? null,
      nextAction: nextActionOf(row.status, items, confirmed),
      blocking: items.filter((c) => c.status === 'pending' || c.status === 'failed'),
    };
  }

  /**
   * The custom keys these roles see on a record, under the definitions its version captured
   * them with, and the leaves of the sensitive ones among them (for the audit).
   */
  async function customView(orgId: string, record: HandoffRecord, roles: readonly Role[]) {
    if (!record.custom || Object.keys(record.custom).length === 0) return { keys: [], sensitive: [] };
    const version = await findVersion(db, orgId, String(record.offerId), Number(record.versionNumber));
    const defs = (await definitionsCapturedBy(db, orgId, version?.fieldVersions)).map((d) => d.definition);
    const keys = handoffCustomKeys(defs, roles).filter((k) => record.custom?.[k] !== undefined);
    return { keys, sensitive: defs.filter((d) => d.sensitive && keys.includes(d.key)).map((d) => customLeaf(d.key)) };
  }

  return { auditPay, reach, closeout, closeoutState, customView };
}

export type CloseoutContext = ReturnType<typeof createCloseoutContext>;
