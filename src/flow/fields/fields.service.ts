import { randomUUID } from 'node:crypto';
import { holdsOrgWide, type Actor } from '../../core/actor';
import type { Clock } from '../../core/clock';
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldProblem } from '../../core/errors';
import type { Db } from '../../db/client';
import { customKeysIn, parseFieldDefinition } from './field-definition-validate';
import { customPath, type FieldDefinition } from './field-definition.schema';
import * as repo from './fields.repo';

/**
 * Custom field definitions as versioned data: organisation admins manage every definition, a
 * business unit's admins that unit's own. A key is unique within the organisation and the
 * business units it reaches: an organisation-wide field and a unit field never share a key, so
 * `custom.<key>` means one field on any offer.
 */

export interface FieldUser {
  kind: 'approval_policy_version' | 'document_template_version' | 'field_definition';
  /** The policy, template or field definition. */
  id: string;
  name: string;
  number: number;
  current: boolean;
  description: string;
}

/** 409 for retiring a field something still uses; `errors` names each user. */
export class FieldInUseError extends AppError {
  constructor(
    key: string,
    readonly users: FieldUser[],
  ) {
    super(
      'conflict',
      409,
      `${customPath(key)} is still used by ${users.length === 1 ? 'one thing' : `${users.length} things`}: ${users.map((u) => u.description).join('; ')}. ` +
        'Change those first, or send {"force": true, "reason": "…"} to retire it anyway (recorded).',
      users.map((u) => ({ field: customPath(key), message: `used by ${u.description}` })),
    );
  }
}

const MAX_REASON = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isAdminOf(actor: Actor, businessUnitId: string | null): boolean {
  if (holdsOrgWide(actor, 'admin')) return true;
  return businessUnitId !== null && actor.roles.some((g) => g.role === 'admin' && g.businessUnitId === businessUnitId);
}

function requireFieldAdmin(actor: Actor): void {
  if (!actor.roles.some((g) => g.role === 'admin')) throw new ForbiddenError('Only admins manage custom fields.');
}

/** Unit admins read organisation-wide fields and their own unit's; organisation admins read all. */
function mayRead(actor: Actor, businessUnitId: string | null): boolean {
  return businessUnitId === null || isAdminOf(actor, businessUnitId);
}

function requireManage(actor: Actor, businessUnitId: string | null): void {
  requireFieldAdmin(actor);
  if (!isAdminOf(actor, businessUnitId))
    throw new ForbiddenError(businessUnitId ? 'Only admins of this business unit or the organisation manage its custom fields.' : 'Only organisation admins manage organisation-wide custom fields.');
}

type ListedRow = Awaited<ReturnType<typeof repo.listDefinitions>>[number];

function view(r: ListedRow) {
  return {
    id: r.row.id,
    key: r.row.key,
    businessUnitId: r.row.businessUnitId,
    currentVersion: r.row.currentVersion,
    createdAt: r.row.createdAt.toISOString(),
    updatedAt: r.version.createdAt.toISOString(),
    retired: r.retirement
      ? {
          at: r.retirement.at.toISOString(),
          byUserId: r.retirement.retiredBy,
          forced: r.retirement.forced,
          reason: r.retirement.reason,
          usedBy: r.retirement.usedBy as FieldUser[],
        }
      : null,
    definition: r.version.definition as FieldDefinition,
  };
}

function versionView(v: { version: repo.DefinitionVersionRow; createdByName: string | null }) {
  return {
    number: v.version.number,
    definition: v.version.definition as FieldDefinition,
    createdAt: v.version.createdAt.toISOString(),
    createdBy: v.version.createdBy,
    createdByName: v.createdByName,
  };
}

export function createFieldService({ db, clock }: { db: Db; clock: Clock }) {
  async function all(orgId: string) {
    return repo.listDefinitions(db, orgId);
  }

  /** Current definitions an offer of this scope carries besides `exceptKey`, retired ones left out. */
  function othersInScope(rows: ListedRow[], businessUnitId: string | null, exceptKey: string): Map<string, FieldDefinition> {
    return new Map(
      rows
        .filter((r) => !r.row.retiredAt && r.row.key !== exceptKey && (r.row.businessUnitId === null || r.row.businessUnitId === businessUnitId))
        .map((r) => [r.row.key, r.version.definition as FieldDefinition]),
    );
  }

  /**
   * The field is looked up in the caller's organisation before the role check, so another
   * organisation's key is not found for every caller, never forbidden.
   */
  async function findOrThrow(actor: Actor, key: string, businessUnitId: string | null) {
    const rows = await all(actor.orgId);
    const found = rows.find((r) => r.row.key === key && r.row.businessUnitId === businessUnitId);
    if (!found) throw new NotFoundError('custom field', key, `No custom field with the key "${key}" ${businessUnitId ? 'in this business unit' : 'for the whole organisation'}.`);
    requireFieldAdmin(actor);
    if (!mayRead(actor, businessUnitId)) throw new ForbiddenError('Only admins of this business unit or the organisation read its custom fields.');
    return { found, rows };
  }

  async function list(actor: Actor) {
    requireFieldAdmin(actor);
    return (await all(actor.orgId)).filter((r) => mayRead(actor, r.row.businessUnitId)).map(view);
  }

  async function get(actor: Actor, key: string, businessUnitId: string | null) {
    return view((await findOrThrow(actor, key, businessUnitId)).found);
  }

  function keyClash(existing: repo.DefinitionRow[], businessUnitId: string | null): string | null {
    const clashing = existing.filter((d) => businessUnitId === null || d.businessUnitId === null || d.businessUnitId === businessUnitId);
    const same = clashing.find((d) => d.businessUnitId === businessUnitId) ?? clashing[0];
    if (!same) return null;
    if (same.retiredAt) return `"${same.key}" belonged to a field that was retired: keys are never reused, so values captured under it keep their meaning; choose another key`;
    if (same.businessUnitId === businessUnitId)
      return `a field with the key "${same.key}" already exists ${businessUnitId ? 'in this business unit' : 'for the whole organisation'}: change that field with a new version instead`;
    return same.businessUnitId === null
      ? `"${same.key}" is already an organisation-wide field, which this business unit's offers carry too: choose another key`
      : `"${same.key}" is already a field of a business unit, whose offers would then carry two fields with one key: choose another key`;
  }

  async function create(actor: Actor, body: Record<string, unknown>) {
    const { businessUnitId: rawUnit, ...input } = body;
    requireFieldAdmin(actor);
    if (rawUnit !== undefined && rawUnit !== null && !(typeof rawUnit === 'string' && UUID.test(rawUnit)))
      throw new ValidationError([{ field: 'businessUnitId', message: 'must be the id of a business unit, or null for an organisation-wide field' }]);
    const businessUnitId = (rawUnit as string | null | undefined) ?? null;
    requireManage(actor, businessUnitId);
    if (businessUnitId && !(await repo.businessUnitExists(db, actor.orgId, businessUnitId)))
      throw new ValidationError([{ field: 'businessUnitId', message: `no business unit with id "${businessUnitId}" in this organisation` }]);
    const rows = await all(actor.orgId);
    const key = typeof input.key === 'string' ? input.key : '';
    const parsed = parseFieldDefinition(input, { others: othersInScope(rows, businessUnitId, key) });
    const problems: FieldProblem[] = parsed.ok ? [] : parsed.problems;
    const clash = key ? keyClash(await repo.definitionsWithKey(db, actor.orgId, key), businessUnitId) : null;
    if (clash && !problems.some((p) => p.field === 'key')) problems.unshift({ field: 'key', message: clash });
    if (!parsed.ok || problems.length) throw new ValidationError(problems);
    const now = clock.now();
    return db.transaction(async (tx) => {
      const row = await repo.insertDefinition(tx, { id: randomUUID(), orgId: actor.orgId, businessUnitId, key, createdAt: now });
      if (!row) throw new ValidationError([{ field: 'key', message: `a field with the key "${key}" was just added: change that field with a new version instead` }]);
      const version = await repo.insertVersion(tx, { id: randomUUID(), orgId: actor.orgId, definitionId: row.id, number: 1, definition: parsed.definition, createdBy: actor.userId, createdAt: now });
      return view({ row: { ...row, currentVersion: 1 }, version, retirement: null });
    });
  }

  async function update(actor: Actor, key: string, businessUnitId: string | null, expectedVersion: number, body: Record<string, unknown>) {
    const { found, rows } = await findOrThrow(actor, key, businessUnitId);
    requireManage(actor, businessUnitId);
    if (found.row.retiredAt) throw new ConflictError(`The field "${key}" is retired and cannot change.`);
    const previous = found.version.definition as FieldDefinition;
    const parsed = parseFieldDefinition({ ...body, key: body.key ?? key }, { others: othersInScope(rows, businessUnitId, key), previous });
    if (!parsed.ok) throw new ValidationError(parsed.problems);
    const now = clock.now();
    return db.transaction(async (tx) => {
      const row = (await repo.findDefinition(tx, actor.orgId, key, businessUnitId, true))!;
      if (row.retiredAt) throw new ConflictError(`The field "${key}" is retired and cannot change.`);
      if (row.currentVersion !== expectedVersion)
        throw new ConflictError(`The field "${key}" changed since you read it: it is at version ${row.currentVersion}, you sent If-Match "${expectedVersion}". Read it again and repeat your change.`);
      const version = await repo.insertVersion(tx, {
        id: randomUUID(),
        orgId: actor.orgId,
        definitionId: row.id,
        number: row.currentVersion + 1,
        definition: parsed.definition,
        createdBy: actor.userId,
        createdAt: now,
      });
      return view({ row: { ...row, currentVersion: version.number }, version, retirement: null });
    });
  }

  async function versions(actor: Actor, key: string, businessUnitId: string | null) {
    const { found } = await findOrThrow(actor, key, businessUnitId);
    return (await repo.listVersions(db, actor.orgId, found.row.id)).map(versionView);
  }

  async function version(actor: Actor, key: string, businessUnitId: string | null, number: number) {
    const { found } = await findOrThrow(actor, key, businessUnitId);
    const v = await repo.findVersion(db, actor.orgId, found.row.id, number);
    if (!v) throw new NotFoundError('field version', String(number), `The field "${key}" has no version ${number} (it is at version ${found.row.currentVersion}).`);
    return versionView(v);
  }

  /**
   * Who uses a field: policy versions and template versions whose text mentions `custom.<key>`
   * (a textual search: it finds a mention in a policy's conditions and covers alike, and in
   * templates, whose catalogue does not resolve custom fields), and other fields whose
   * required-when reads it.
   */
  async function findUsers(orgId: string, key: string, rows: ListedRow[]): Promise<FieldUser[]> {
    const needle = customPath(key);
    const mentions = new RegExp(`(?<![A-Za-z0-9_])custom\\.${key}(?![A-Za-z0-9_])`);
    const policies = (await repo.policyVersionsMentioning(db, orgId, needle)).filter((p) => mentions.test(p.source));
    const templates = (await repo.templateVersionsMentioning(db, orgId, needle)).filter(
      (t) => mentions.test(t.source ?? '') || (Array.isArray(t.fields) && (t.fields as unknown[]).some((f) => typeof f === 'string' && mentions.test(f))),
    );
    const current = (n: number, c: number) => (n === c ? ' (current)' : '');
    return [
      ...policies.map((p) => {
        const name = p.businessUnitId ? `approval policy of business unit ${p.unitName ?? p.businessUnitId}` : 'organisation approval policy';
        return { kind: 'approval_policy_version' as const, id: p.policyId, name, number: p.number, current: p.number === p.currentVersion, description: `${name}, version ${p.number}${current(p.number, p.currentVersion)}` };
      }),
      ...templates.map((t) => {
        const name = `template "${t.templateName}" (${t.templateKey})`;
        return { kind: 'document_template_version' as const, id: t.templateId, name, number: t.number, current: t.number === t.currentVersion, description: `${name}, version ${t.number}${current(t.number, t.currentVersion)}` };
      }),
      ...rows
        .filter((r) => !r.row.retiredAt && r.row.key !== key && customKeysIn((r.version.definition as FieldDefinition).validation.requiredWhen).includes(key))
        .map((r) => ({
          kind: 'field_definition' as const,
          id: r.row.id,
          name: `custom field ${r.row.key}`,
          number: r.row.currentVersion,
          current: true,
          description: `custom field ${r.row.key}, version ${r.row.currentVersion} (required when it is set)`,
        })),
    ];
  }

  async function usages(actor: Actor, key: string, businessUnitId: string | null) {
    const { rows } = await findOrThrow(actor, key, businessUnitId);
    return findUsers(actor.orgId, key, rows);
  }

  async function retire(actor: Actor, key: string, businessUnitId: string | null, body: { force?: boolean; reason?: string }) {
    const { found, rows } = await findOrThrow(actor, key, businessUnitId);
    requireManage(actor, businessUnitId);
    if (found.row.retiredAt) throw new ConflictError(`The field "${key}" is already retired.`);
    const force = body.force === true;
    const reason = body.reason?.trim() || null;
    if (force && !reason) throw new ValidationError([{ field: 'reason', message: 'is required to force a retirement: say why the field goes although something uses it' }]);
    if (reason && reason.length > MAX_REASON) throw new ValidationError([{ field: 'reason', message: `must be at most ${MAX_REASON} characters` }]);
    const users = await findUsers(actor.orgId, key, rows);
    if (users.length > 0 && !force) throw new FieldInUseError(key, users);
    const now = clock.now();
    return db.transaction(async (tx) => {
      const row = (await repo.findDefinition(tx, actor.orgId, key, businessUnitId, true))!;
      if (row.retiredAt) throw new ConflictError(`The field "${key}" is already retired.`);
      const retirement = await repo.retire(tx, row, {
        id: randomUUID(),
        orgId: actor.orgId,
        definitionId: row.id,
        versionNumber: row.currentVersion,
        forced: force,
        reason,
        usedBy: users,
        retiredBy: actor.userId,
        at: now,
      });
      return view({ row: { ...row, retiredAt: now, retiredBy: actor.userId }, version: found.version, retirement });
    });
  }

  return { list, get, create, update, versions, version, usages, retire };
}

export type FieldService = ReturnType<typeof createFieldService>;
