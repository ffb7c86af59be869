import { randomUUID } from 'node:crypto';
import { holdsOrgWide, type Actor } from '../../core/actor';
import type { Clock } from '../../core/clock';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../core/errors';
import type { Role } from '../../core/roles';
import type { Db } from '../../db/client';
import { writeOffer } from '../../offers/offer-writer';
import { findOffer } from '../../offers/offers.repo';
import { recordOf, type CloseoutContext } from './closeout-context';
import { handoffView, handoffViews, type HandoffRecord } from './handoff-fields';
import * as repo from './handoff.repo';
import type { OnboardingTaskRow, TaskTemplateRow } from './handoff.repo';

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

export interface TaskTemplateInput {
  key: string;
  title: string;
  description?: string;
  ownerRole: string;
  dueOffsetDays: number;
  employmentTypes?: string[];
  businessUnitId?: string | null;
  position?: number;
}

/** Holds the task's owner role where the offer is (its business unit or organisation-wide), is its assignee, or is an admin. */
function mayWorkOn(actor: Actor, task: OnboardingTaskRow, businessUnitId: string): boolean {
  return (
    task.assigneeId === actor.userId ||
    actor.roles.some((g) => (g.role === task.ownerRole || g.role === 'admin') && (g.businessUnitId === null || g.businessUnitId === businessUnitId))
  );
}

function requireAdmin(actor: Actor) {
  if (!holdsOrgWide(actor, 'admin')) throw new ForbiddenError('Only organisation admins manage onboarding task templates.');
}

/** Onboarding tasks of an offer, each role's queue, the task actions, and the task templates (admin). */
export function createOnboardingTaskService({ db, clock, ctx }: { db: Db; clock: Clock; ctx: CloseoutContext }) {
  const { reach, auditPay } = ctx;

  async function checkBusinessUnit(businessUnitId: string | null | undefined, orgId: string) {
    if (businessUnitId && !(await repo.businessUnitInOrg(db, orgId, businessUnitId))) throw new ValidationError([{ field: 'businessUnitId', message: `is not a business unit of this organisation ("${businessUnitId}")` }]);
  }

  // ---- onboarding tasks ----

  async function listOfferTasks(actor: Actor, offerId: string) {
    await reach(actor, offerId);
    return (await repo.listOfferTasks(db, actor.orgId, offerId)).map(presentTask);
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
        records.set(task.offerId, handoffView(await recordOf(db, offer), fields));
        await auditPay(actor, task.offerId, fields, 'offer.handoff');
      }
      items.push({ ...presentTask(task), offer: records.get(task.offerId)! });
    }
    return { role, fields: [...fields], items };
  }

  // ---- templates (admin) ----

  async function listTaskTemplates(actor: Actor) {
    requireAdmin(actor);
    return (await repo.listTemplates(db, actor.orgId)).map(presentTemplate);
  }

  async function createTaskTemplate(actor: Actor, input: TaskTemplateInput) {
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

  async function updateTaskTemplate(actor: Actor, id: string, input: Partial<Omit<TaskTemplateInput, 'key'>> & { retired?: boolean }) {
    const existing = await repo.findTemplate(db, actor.orgId, id);
    if (!existing) throw new NotFoundError('onboarding task template', id);
    requireAdmin(actor);
    await checkBusinessUnit(input.businessUnitId, actor.orgId);
    const { retired, ...rest } = input;
    const set: Record<string, unknown> = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    if (retired !== undefined) set.retiredAt = retired ? (existing.retiredAt ?? clock.now()) : null;
    return presentTemplate(Object.keys(set).length ? await repo.updateTemplate(db, actor.orgId, id, set) : existing);
  }

  return { listOfferTasks, taskAction, roleQueue, listTaskTemplates, createTaskTemplate, updateTaskTemplate };
}
