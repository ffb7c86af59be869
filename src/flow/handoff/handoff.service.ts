import { randomUUID } from 'node:crypto';
import { holdsOrgWide, type Actor } from '../../core/actor';
import { grantsReaching } from '../../core/access/offer-access';
import type { Clock } from '../../core/clock';
import { addDays } from '../../core/dates';
import { ConflictError, ForbiddenError, NotFoundError, TransitionNotAllowedError, ValidationError } from '../../core/errors';
import { transition, type OfferStatus } from '../../core/lifecycle';
import type { Role } from '../../core/roles';
import type { Db } from '../../db/client';
import { notifyUser } from '../../notify/notifications.service';
import { transitionEntry } from '../../offers/offer-events.service';
import { findVisibleOffer } from '../../offers/offer-access';
import { writeOffer } from '../../offers/offer-writer';
import { findOffer, findVersion, type OfferRow } from '../../offers/offers.repo';
import type { OfferTerms } from '../intake/offer-terms.schema';
import { createCompensationViews } from '../../audit/compensation-views.service';
import { handoffExportRoles, handoffFieldsOf, handoffTermsPaths, handoffView, handoffViews, type HandoffField, type HandoffRecord } from './handoff-fields';
import * as repo from './handoff.repo';
import type { ContingencyRow, OnboardingTaskRow, TaskTemplateRow } from './handoff.repo';

/** Roles that run the closeout of an offer: add and decide contingencies, confirm the start date, hand off. */
const closeoutRoles: readonly Role[] = ['admin', 'recruiter', 'hr_ops'];

export type NextAction = 'rescind' | 'clear_contingencies' | 'confirm_start_date' | 'hand_off' | null;

/** Called with the frozen handoff record once an offer is handed off (the outbound webhook, when present). */
export type HandoffEmitter = (tx: Db, event: { orgId: string; offerId: string; record: HandoffRecord }) => Promise<unknown>;

export function presentContingency(c: ContingencyRow) {
  return {
    id: c.id,
    offerId: c.offerId,
    versionNumber: c.versionNumber,
    kind: c.kind,
    label: c.label,
    status: c.status,
    ownerUserId: c.ownerUserId,
    dueDate: c.dueDate,
    reason: c.reason,
    decidedBy: c.decidedBy,
    decidedAt: c.decidedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
  };
}

export function presentTask(t: OnboardingTaskRow) {
  return {
    id: t.id,
    offerId: t.offerId,
    templateKey: t.templateKey,
    title: t.title,
    description: t.description,
    ownerRole: t.ownerRole,
    assigneeId: t.assigneeId,
    dueDate: t.dueDate,
    status: t.status,
    doneBy: t.doneBy,
    doneAt: t.doneAt?.toISOString() ?? null,
    note: t.note,
  };
}

export function presentTemplate(t: TaskTemplateRow) {
  return {
    id: t.id,
    key: t.key,
    title: t.title,
    description: t.description,
    ownerRole: t.ownerRole,
    dueOffsetDays: t.dueOffsetDays,
    employmentTypes: (t.employmentTypes as string[]) ?? [],
    businessUnitId: t.businessUnitId,
    position: t.position,
    retiredAt: t.retiredAt?.toISOString() ?? null,
  };
}

/** What blocks the handoff, and what the recruiter does next. */
export function nextActionOf(status: string, items: readonly Pick<ContingencyRow, 'status'>[], startDateConfirmed: boolean): NextAction {
  if (status !== 'accepted') return null;
  if (items.some((c) => c.status === 'failed')) return 'rescind';
  if (items.some((c) => c.status === 'pending')) return 'clear_contingencies';
  if (!startDateConfirmed) return 'confirm_start_date';
  return 'hand_off';
}

export function createHandoffService({ db, clock, emit }: { db: Db; clock: Clock; emit?: HandoffEmitter }) {
  const compensationViews = createCompensationViews({ db, clock });
  /** Pay shown in a handoff view or export is recorded like pay shown on an offer. */
  const auditPay = (actor: Actor, offerId: string, fields: readonly HandoffField[], via: 'offer.handoff' | 'export.handoffs') =>
    compensationViews.record(actor, offerId, fields.flatMap((f) => handoffTermsPaths[f] ?? []), via);

  async function reach(actor: Actor, offerId: string) {
    const { row, facts } = await findVisibleOffer(db, actor, offerId);
    const roles = [...new Set(grantsReaching(actor, facts).map((g) => g.role))];
    return { row, roles };
  }

  async function closeout(actor: Actor, offerId: string, what: string) {
    const r = await reach(actor, offerId);
    if (!r.roles.some((role) => closeoutRoles.includes(role))) throw new ForbiddenError(`Your role may not ${what}; recruiters, HR ops and admins may.`);
    return r;
  }

  async function checkOwner(ownerUserId: string | null | undefined, orgId: string) {
    if (ownerUserId && !(await repo.userInOrg(db, orgId, ownerUserId))) throw new ValidationError([{ field: 'ownerUserId', message: `is not a user of this organisation ("${ownerUserId}")` }]);
  }

  async function checkBusinessUnit(businessUnitId: string | null | undefined, orgId: string) {
    if (businessUnitId && !(await repo.businessUnitInOrg(db, orgId, businessUnitId))) throw new ValidationError([{ field: 'businessUnitId', message: `is not a business unit of this organisation ("${businessUnitId}")` }]);
  }

  function requireAccepted(row: OfferRow, what: string) {
    if (row.status !== 'accepted') throw new ConflictError(`The offer is "${row.status}"; ${what} only while it is "accepted".`);
  }

  /** The live handoff record: the current version's terms, the confirmed start date, the contingencies. */
  async function liveRecord(d: Db, row: OfferRow): Promise<HandoffRecord> {
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
    };
  }

  /** The frozen record once handed off, the live one before. */
  async function recordOf(row: OfferRow): Promise<HandoffRecord> {
    const handoff = await repo.findHandoff(db, row.orgId, row.id);
    return (handoff?.record as HandoffRecord | null) ?? liveRecord(db, row);
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

  // ---- contingencies ----

  async function listOfferContingencies(actor: Actor, offerId: string) {
    const { row, roles } = await reach(actor, offerId);
    const state = await closeoutState(row);
    // Why a check was waived or failed can be sensitive (a screening result): only the closeout roles read it.
    const readsReasons = roles.some((role) => closeoutRoles.includes(role));
    return {
      items: state.items.map((c) => ({ ...presentContingency(c), reason: readsReasons ? c.reason : null })),
      nextAction: state.nextAction,
      blocking: state.blocking.map((c) => ({ id: c.id, kind: c.kind, label: c.label, status: c.status })),
      startDateConfirmed: state.startDateConfirmed,
    };
  }

  async function addContingency(actor: Actor, offerId: string, input: { label: string; ownerUserId?: string | null; dueDate?: string | null }) {
    await closeout(actor, offerId, 'add contingencies');
    await checkOwner(input.ownerUserId, actor.orgId);
    const id = randomUUID();
    await db.transaction((tx) =>
      writeOffer(tx, clock, { orgId: actor.orgId, offerId, actorId: actor.userId }, async (offer) => {
        requireAccepted(offer, 'contingencies can be added');
        await repo.insertContingencies(tx, [
          { id, orgId: actor.orgId, offerId, versionNumber: offer.currentVersion, kind: 'custom', label: input.label, status: 'pending', ownerUserId: input.ownerUserId ?? null, dueDate: input.dueDate ?? null, createdAt: clock.now() },
        ]);
        return { set: {}, entries: [{ type: 'contingency.added', data: { contingencyId: id, kind: 'custom', version: offer.currentVersion } }] };
      }),
    );
    return presentContingency((await repo.findContingency(db, actor.orgId, offerId, id))!);
  }

  async function updateContingency(actor: Actor, offerId: string, contingencyId: string, input: { ownerUserId?: string | null; dueDate?: string | null }) {
    await closeout(actor, offerId, 'change contingencies');
    await checkOwner(input.ownerUserId, actor.orgId);
    let out!: ContingencyRow;
    await db.transaction((tx) =>
      writeOffer(tx, clock, { orgId: actor.orgId, offerId, actorId: actor.userId }, async (offer) => {
        requireAccepted(offer, 'contingencies can be changed');
        const c = await repo.findContingency(tx, actor.orgId, offerId, contingencyId);
        if (!c) throw new NotFoundError('contingency', contingencyId);
        const set: { ownerUserId?: string | null; dueDate?: string | null } = {};
        if (input.ownerUserId !== undefined) set.ownerUserId = input.ownerUserId;
        if (input.dueDate !== undefined) set.dueDate = input.dueDate;
        out = Object.keys(set).length ? await repo.updateContingency(tx, actor.orgId, contingencyId, set) : c;
        return { set: {}, entries: Object.keys(set).length ? [{ type: 'contingency.updated', data: { contingencyId, kind: c.kind, fields: Object.keys(set) } }] : [] };
      }),
    );
    return presentContingency(out);
  }

  async function decideContingency(actor: Actor, offerId: string, contingencyId: string, input: { status: 'cleared' | 'waived' | 'failed'; reason?: string }) {
    await closeout(actor, offerId, 'decide contingencies');
    const reason = input.reason?.trim() || null;
    if (input.status !== 'cleared' && !reason) {
      throw new ValidationError([{ field: 'reason', message: `is required to mark a contingency ${input.status}` }]);
    }
    let out!: ContingencyRow;
    await db.transaction((tx) =>
      writeOffer(tx, clock, { orgId: actor.orgId, offerId, actorId: actor.userId }, async (offer) => {
        requireAccepted(offer, 'contingencies can be decided');
        const c = await repo.findContingency(tx, actor.orgId, offerId, contingencyId);
        if (!c) throw new NotFoundError('contingency', contingencyId);
        const now = clock.now();
        out = await repo.updateContingency(tx, actor.orgId, contingencyId, { status: input.status, reason, decidedBy: actor.userId, decidedAt: now });
        if (input.status === 'failed') {
          await notifyUser(tx, {
            orgId: actor.orgId,
            userId: offer.recruiterId,
            offerId,
            kind: 'contingency.failed',
            title: `${c.label} failed for ${offer.candidateName}`,
            body: `A contingency of the accepted offer for ${offer.title} failed. Rescind is the next step: apply "rescind" with a reason on the offer (it goes to approval when the policy asks for it).`,
            now,
          });
        }
        return { set: {}, entries: [{ type: 'contingency.decided', data: { contingencyId, kind: c.kind, status: input.status } }] };
      }),
    );
    return presentContingency(out);
  }

  // ---- onboarding tasks ----

  async function listOfferTasks(actor: Actor, offerId: string) {
    await reach(actor, offerId);
    return (await repo.listOfferTasks(db, actor.orgId, offerId)).map(presentTask);
  }

  /** Holds the task's owner role where the offer is (its business unit or organisation-wide), is its assignee, or is an admin. */
  function mayWorkOn(actor: Actor, task: OnboardingTaskRow, businessUnitId: string): boolean {
    return (
      task.assigneeId === actor.userId ||
      actor.roles.some((g) => (g.role === task.ownerRole || g.role === 'admin') && (g.businessUnitId === null || g.businessUnitId === businessUnitId))
    );
  }

  async function taskAction(actor: Actor, taskId: string, action: 'complete' | 'reopen' | 'skip', note?: string) {
    const task = await repo.findTask(db, actor.orgId, taskId);
    const offer = task && (await findOffer(db, actor.orgId, task.offerId));
    if (!task || !offer || !mayWorkOn(actor, task, offer.businessUnitId)) throw new NotFoundError('onboarding task', taskId);
    if (action === 'skip' && !note?.trim()) throw new ValidationError([{ field: 'note', message: 'is required to skip a task (say why)' }]);
    let out!: OnboardingTaskRow;
    await db.transaction((tx) =>
      writeOffer(tx, clock, { orgId: actor.orgId, offerId: task.offerId, actorId: actor.userId }, async (o) => {
        if (o.status !== 'accepted' && o.status !== 'handed_off') throw new ConflictError(`The offer is "${o.status}"; its onboarding tasks are closed.`);
        const now = clock.now();
        const set =
          action === 'reopen'
            ? { status: 'open', doneBy: null, doneAt: null, note: note?.trim() || null }
            : { status: action === 'complete' ? 'done' : 'skipped', doneBy: actor.userId, doneAt: now, note: note?.trim() || null };
        out = await repo.updateTask(tx, actor.orgId, taskId, set);
        const type = { complete: 'onboarding_task.completed', reopen: 'onboarding_task.reopened', skip: 'onboarding_task.skipped' }[action];
        return { set: {}, entries: [{ type, data: { taskId, templateKey: task.templateKey, ownerRole: task.ownerRole } }] };
      }),
    );
    return presentTask(out);
  }

  /** A role's queue: its tasks on offers in the caller's scope for that role, each with only that role's handoff fields. */
  async function roleQueue(actor: Actor, role: Role, status?: string) {
    const grants = actor.roles.filter((g) => g.role === role || g.role === 'admin');
    if (grants.length === 0) throw new ForbiddenError(`You do not hold the role "${role}"; only its holders (and admins) see its onboarding queue.`);
    const fields = handoffViews[role];
    const rows = await repo.listRoleTasks(db, actor.orgId, role, status);
    const items = [];
    const records = new Map<string, Partial<HandoffRecord>>();
    for (const { task, businessUnitId } of rows) {
      if (!grants.some((g) => g.businessUnitId === null || g.businessUnitId === businessUnitId)) continue;
      if (!records.has(task.offerId)) {
        const offer = (await findOffer(db, actor.orgId, task.offerId))!;
        records.set(task.offerId, handoffView(await recordOf(offer), fields));
        await auditPay(actor, task.offerId, fields, 'offer.handoff');
      }
      items.push({ ...presentTask(task), offer: records.get(task.offerId)! });
    }
    return { role, fields: [...fields], items };
  }

  // ---- templates (admin) ----

  function requireAdmin(actor: Actor) {
    if (!holdsOrgWide(actor, 'admin')) throw new ForbiddenError('Only organisation admins manage onboarding task templates.');
  }

  async function listTaskTemplates(actor: Actor) {
    requireAdmin(actor);
    return (await repo.listTemplates(db, actor.orgId)).map(presentTemplate);
  }

  interface TemplateInput {
    key: string;
    title: string;
    description?: string;
    ownerRole: string;
    dueOffsetDays: number;
    employmentTypes?: string[];
    businessUnitId?: string | null;
    position?: number;
  }

  async function createTaskTemplate(actor: Actor, input: TemplateInput) {
    requireAdmin(actor);
    await checkBusinessUnit(input.businessUnitId, actor.orgId);
    if (await repo.findTemplateByKey(db, actor.orgId, input.key)) throw new ConflictError(`A task template with the key "${input.key}" exists; change it instead.`);
    return presentTemplate(
      await repo.insertTemplate(db, {
        id: randomUUID(),
        orgId: actor.orgId,
        key: input.key,
        title: input.title,
        description: input.description ?? '',
        ownerRole: input.ownerRole,
        dueOffsetDays: input.dueOffsetDays,
        employmentTypes: input.employmentTypes ?? [],
        businessUnitId: input.businessUnitId ?? null,
        position: input.position ?? 0,
        createdAt: clock.now(),
      }),
    );
  }

  async function updateTaskTemplate(actor: Actor, id: string, input: Partial<Omit<TemplateInput, 'key'>> & { retired?: boolean }) {
    const existing = await repo.findTemplate(db, actor.orgId, id);
    if (!existing) throw new NotFoundError('onboarding task template', id);
    requireAdmin(actor);
    await checkBusinessUnit(input.businessUnitId, actor.orgId);
    const { retired, ...rest } = input;
    const set: Record<string, unknown> = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    if (retired !== undefined) set.retiredAt = retired ? (existing.retiredAt ?? clock.now()) : null;
    return presentTemplate(Object.keys(set).length ? await repo.updateTemplate(db, actor.orgId, id, set) : existing);
  }

  // ---- start date and handoff ----

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
    await auditPay(actor, row.id, fields, 'offer.handoff');
    return {
      offerId: row.id,
      status: row.status,
      rowVersion: row.rowVersion,
      handedOff: Boolean(handoff?.handedOffAt),
      startDateConfirmed: handoff?.startDateConfirmed ?? null,
      nextAction: state.nextAction,
      fields,
      record: handoffView(await recordOf(row), fields),
    };
  }

  /** Handed-off records in [from, to] (UTC dates, inclusive), each cut to the caller's export roles reaching it. */
  async function exportHandoffs(actor: Actor, from: string, to: string) {
    const grants = actor.roles.filter((g) => handoffExportRoles.includes(g.role));
    if (grants.length === 0) throw new ForbiddenError('Only HR ops, payroll and admins export handoff records.');
    const fields = handoffFieldsOf(grants.map((g) => g.role));
    const rows = await repo.listHandoffsBetween(db, actor.orgId, ...dateRange(from, to));
    const items = rows.flatMap(({ handoff, businessUnitId }) => {
      const reaching = grants.filter((g) => g.businessUnitId === null || g.businessUnitId === businessUnitId).map((g) => g.role);
      return reaching.length && handoff.record ? [handoffView(handoff.record as HandoffRecord, handoffFieldsOf(reaching))] : [];
    });
    for (const item of items) await auditPay(actor, String(item.offerId), Object.keys(item) as HandoffField[], 'export.handoffs');
    return { from, to, fields, items };
  }

  return {
    listOfferContingencies,
    addContingency,
    updateContingency,
    decideContingency,
    listOfferTasks,
    taskAction,
    roleQueue,
    listTaskTemplates,
    createTaskTemplate,
    updateTaskTemplate,
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
export async function exportAllHandoffs(db: Db, from: string, to: string, orgId: string | null): Promise<{ fields: HandoffField[]; items: HandoffRecord[] }> {
  const rows = await repo.listHandoffsBetween(db, orgId, ...dateRange(from, to));
  return { fields: handoffFieldsOf(['admin']), items: rows.flatMap(({ handoff }) => (handoff.record ? [handoff.record as HandoffRecord] : [])) };
}
