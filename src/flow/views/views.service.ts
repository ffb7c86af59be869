import { randomUUID } from 'node:crypto';
import { roleNames, type Actor } from '../../core/actor';
import type { Clock } from '../../core/clock';
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from '../../core/errors';
import type { Db } from '../../db/client';
import { customFiltersOf, isCustomPath, MAX_CUSTOM_PARAMS } from '../fields/custom-params';
import { checkCustomQuery } from '../fields/custom-query.service';
import { parseSavedView, sharedWith, type SavedViewInput, type ViewPage } from './saved-view';
import * as repo from './views.repo';

/**
 * Saved views: a user's named filters and columns of the offers list or the status board, which
 * they may share with roles and / or a business unit. Only the owner changes or deletes a view;
 * anyone else, and anyone of another organisation, finds no such view (404, never 403). A view
 * holds filters only: the list and the board apply the reader's own access when it is used.
 */

export interface SavedViewDto {
  id: string;
  page: ViewPage;
  name: string;
  filters: Record<string, string>;
  columns: string[];
  sharedWithRoles: string[];
  sharedWithBusinessUnit: { id: string; name: string } | null;
  mine: boolean;
  sharedBy: { id: string; name: string } | null;
  rowVersion: number;
  createdAt: string;
  updatedAt: string;
}

function present(actor: Actor, r: repo.ListedView): SavedViewDto {
  const v = r.view;
  const mine = v.ownerId === actor.userId;
  return {
    id: v.id,
    page: v.page as ViewPage,
    name: v.name,
    filters: v.filters as Record<string, string>,
    columns: v.columns as string[],
    sharedWithRoles: v.sharedWithRoles as string[],
    sharedWithBusinessUnit: v.sharedWithBusinessUnitId ? { id: v.sharedWithBusinessUnitId, name: r.unitName ?? '' } : null,
    mine,
    sharedBy: mine ? null : { id: v.ownerId, name: r.ownerName },
    rowVersion: v.rowVersion,
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
  };
}

const visibleTo = (actor: Actor, v: repo.SavedViewRow) =>
  v.ownerId === actor.userId || sharedWith({ sharedWithRoles: v.sharedWithRoles as string[], sharedWithBusinessUnitId: v.sharedWithBusinessUnitId }, actor.roles);

const notFound = (id: string) => new NotFoundError('saved view', id);
const pageWords = (page: ViewPage) => (page === 'board' ? 'status board' : 'offers list');
const nameTaken = (v: SavedViewInput) => new ValidationError([{ field: 'name', message: `you already have a ${pageWords(v.page)} view named "${v.name}"` }]);

/** PostgreSQL's unique violation, as node-postgres and PGlite report it (drizzle wraps it in `cause`). */
function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 3; e = (e as { cause?: unknown }).cause, depth++) if ((e as { code?: unknown }).code === '23505') return true;
  return false;
}

export function createViewService({ db, clock }: { db: Db; clock: Clock }) {
  /** Parses the view and checks what it names exists in the caller's organisation. */
  async function checked(actor: Actor, body: unknown, currentPage?: ViewPage): Promise<SavedViewInput> {
    const parsed = parseSavedView(body, currentPage);
    if (!parsed.ok) throw new ValidationError(parsed.problems);
    const v = parsed.view;
    const problems: FieldProblem[] = [];
    if (v.sharedWithBusinessUnitId && !(await repo.businessUnitName(db, actor.orgId, v.sharedWithBusinessUnitId)))
      problems.push({ field: 'sharedWithBusinessUnitId', message: `there is no business unit "${v.sharedWithBusinessUnitId}" in your organisation` });
    const { businessUnitId, departmentId, recruiterId } = v.filters;
    if (businessUnitId && !(await repo.businessUnitName(db, actor.orgId, businessUnitId)))
      problems.push({ field: 'filters.businessUnitId', message: `there is no business unit "${businessUnitId}" in your organisation` });
    if (departmentId && !(await repo.departmentExists(db, actor.orgId, departmentId)))
      problems.push({ field: 'filters.departmentId', message: `there is no department "${departmentId}" in your organisation` });
    if (recruiterId && !(await repo.userExists(db, actor.orgId, recruiterId)))
      problems.push({ field: 'filters.recruiterId', message: `there is no user "${recruiterId}" in your organisation` });
    // Custom filters and columns name fields in force the owner may use there; each reader's own roles are checked again when the view is applied.
    const customColumns = v.columns.flatMap((c, i) => (isCustomPath(c) ? [{ c, i }] : []));
    if (customColumns.length > MAX_CUSTOM_PARAMS) problems.push({ field: 'columns', message: `must name at most ${MAX_CUSTOM_PARAMS} custom fields` });
    const custom = await checkCustomQuery(db, actor.orgId, {
      params: customFiltersOf(v.filters),
      columns: customColumns.map((x) => x.c),
      roles: roleNames(actor),
      prefix: 'filters.',
      columnField: (i) => `columns.${customColumns[i]!.i}`,
    });
    problems.push(...custom.problems);
    if (problems.length) throw new ValidationError(problems);
    return v;
  }

  async function list(actor: Actor, page: ViewPage): Promise<SavedViewDto[]> {
    const rows = await repo.listCandidates(db, actor.orgId, page, actor.userId, roleNames(actor));
    const visible = rows.filter((r) => visibleTo(actor, r.view)).map((r) => present(actor, r));
    // Mine first, then those shared with me; each by name.
    return [...visible.filter((v) => v.mine), ...visible.filter((v) => !v.mine)];
  }

  async function get(actor: Actor, id: string): Promise<SavedViewDto> {
    const row = await repo.findView(db, actor.orgId, id);
    if (!row || !visibleTo(actor, row.view)) throw notFound(id);
    return present(actor, row);
  }

  /** The owner's view, or 404 (another's view, visible or not, is not theirs to change). */
  async function ownView(actor: Actor, id: string) {
    const row = await repo.findView(db, actor.orgId, id);
    if (!row || row.view.ownerId !== actor.userId) throw notFound(id);
    return row;
  }

  async function create(actor: Actor, body: unknown): Promise<SavedViewDto> {
    const v = await checked(actor, body);
    const now = clock.now();
    const created = await repo.insertView(db, {
      id: randomUUID(),
      orgId: actor.orgId,
      ownerId: actor.userId,
      page: v.page,
      name: v.name,
      filters: v.filters,
      columns: v.columns,
      sharedWithRoles: v.sharedWithRoles,
      sharedWithBusinessUnitId: v.sharedWithBusinessUnitId,
      createdAt: now,
      updatedAt: now,
    });
    if (!created) throw nameTaken(v);
    return get(actor, created.id);
  }

  async function update(actor: Actor, id: string, expectedVersion: number, body: unknown): Promise<SavedViewDto> {
    const current = await ownView(actor, id);
    const v = await checked(actor, body, current.view.page as ViewPage);
    try {
      await db.transaction(async (tx) => {
        const row = await repo.lockView(tx, actor.orgId, id);
        if (!row || row.ownerId !== actor.userId) throw notFound(id);
        if (row.rowVersion !== expectedVersion)
          throw new ConflictError(`The view "${row.name}" changed since you read it: it is at version ${row.rowVersion}, you sent If-Match "${expectedVersion}". Read it again and repeat your change.`);
        const clash = await repo.findByName(tx, actor.orgId, actor.userId, v.page, v.name);
        if (clash && clash.id !== id) throw nameTaken(v);
        await repo.updateView(tx, actor.orgId, id, {
          name: v.name,
          filters: v.filters,
          columns: v.columns,
          sharedWithRoles: v.sharedWithRoles,
          sharedWithBusinessUnitId: v.sharedWithBusinessUnitId,
          updatedAt: clock.now(),
        });
      });
    } catch (err) {
      // Another save took the name between the check and the write.
      if (isUniqueViolation(err)) throw nameTaken(v);
      throw err;
    }
    return get(actor, id);
  }

  /** Deletes the caller's own view; with If-Match, only the version read. */
  async function remove(actor: Actor, id: string, expectedVersion: number | null): Promise<void> {
    await ownView(actor, id);
    await db.transaction(async (tx) => {
      const row = await repo.lockView(tx, actor.orgId, id);
      if (!row || row.ownerId !== actor.userId) throw notFound(id);
      if (expectedVersion !== null && row.rowVersion !== expectedVersion)
        throw new ConflictError(`The view "${row.name}" changed since you read it: it is at version ${row.rowVersion}, you sent If-Match "${expectedVersion}".`);
      await repo.deleteView(tx, actor.orgId, id);
    });
  }

  return { list, get, create, update, remove };
}

export type ViewService = ReturnType<typeof createViewService>;
