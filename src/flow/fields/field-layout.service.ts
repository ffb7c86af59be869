import { randomUUID } from 'node:crypto';
import { holdsOrgWide, type Actor } from '../../core/actor';
import type { Clock } from '../../core/clock';
import { AppError, ForbiddenError, ValidationError, type FieldProblem } from '../../core/errors';
import type { Db } from '../../db/client';
import { FIELD_LIMITS, type FieldDefinition } from './field-definition.schema';
import * as repo from './fields.repo';

/**
 * The intake form's layout in one request: where each custom field sits (section and position).
 * Every field whose place changes gets a new version holding only that change, all in one
 * transaction, so a reorder never lands half-way. The layout of a business unit's form covers the
 * organisation-wide fields too, since its offers carry both; moving an organisation-wide field
 * takes an organisation admin, because it moves in every unit's form.
 */

export interface LayoutEntry {
  key: string;
  section: string;
  order: number;
  /** The version the caller read; a field that moved on since is a conflict rather than an overwrite. */
  version?: number;
}

export interface LayoutInput {
  businessUnitId?: string | null;
  fields: LayoutEntry[];
}

const conflict = (message: string, fields: FieldProblem[]) => new AppError('conflict', 409, message, fields);

function isAdminOf(actor: Actor, businessUnitId: string | null): boolean {
  if (holdsOrgWide(actor, 'admin')) return true;
  return businessUnitId !== null && actor.roles.some((g) => g.role === 'admin' && g.businessUnitId === businessUnitId);
}

/** Shape problems of the entries, each named `fields.<i>.<property>`. */
function entryProblems(entries: LayoutEntry[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Map<string, number>();
  entries.forEach((e, i) => {
    const section = e.section.trim();
    if (!section) problems.push({ field: `fields.${i}.section`, message: 'must not be empty: name the section the field sits in' });
    if (section.length > FIELD_LIMITS.sectionChars) problems.push({ field: `fields.${i}.section`, message: `must be at most ${FIELD_LIMITS.sectionChars} characters` });
    if (!Number.isInteger(e.order) || e.order < 0 || e.order > FIELD_LIMITS.order) problems.push({ field: `fields.${i}.order`, message: `must be a whole number from 0 to ${FIELD_LIMITS.order}` });
    const before = seen.get(e.key);
    if (before !== undefined) problems.push({ field: `fields.${i}.key`, message: `lists "${e.key}" again (it is already fields.${before})` });
    else seen.set(e.key, i);
  });
  return problems;
}

export function createFieldLayoutService({ db, clock }: { db: Db; clock: Clock }) {
  async function saveLayout(actor: Actor, input: LayoutInput) {
    const businessUnitId = input.businessUnitId ?? null;
    if (!actor.roles.some((g) => g.role === 'admin')) throw new ForbiddenError('Only admins arrange the intake form.');
    if (!isAdminOf(actor, businessUnitId))
      throw new ForbiddenError(businessUnitId ? 'Only admins of this business unit or the organisation arrange its intake form.' : 'Only organisation admins arrange the organisation-wide fields.');
    if (businessUnitId && !(await repo.businessUnitExists(db, actor.orgId, businessUnitId)))
      throw new ValidationError([{ field: 'businessUnitId', message: `no business unit with id "${businessUnitId}" in this organisation` }]);

    const problems = entryProblems(input.fields);
    const rows = (await repo.listDefinitions(db, actor.orgId)).filter((r) => r.row.businessUnitId === null || r.row.businessUnitId === businessUnitId);
    const byKey = new Map(rows.map((r) => [r.row.key, r]));
    const where = businessUnitId ? "in this business unit's form" : 'among the organisation-wide fields';
    input.fields.forEach((e, i) => {
      if (!byKey.has(e.key)) problems.push({ field: `fields.${i}.key`, message: `no custom field has the key "${e.key}" ${where}` });
    });
    if (problems.length) throw new ValidationError(problems);

    const retired = input.fields.flatMap((e, i) => (byKey.get(e.key)!.row.retiredAt ? [{ field: `fields.${i}.key`, message: `the field "${e.key}" is retired and keeps its last place` }] : []));
    if (retired.length) throw conflict(`Retired fields cannot move: ${retired.map((p) => p.field).join(', ')}. Read the fields again and leave those out.`, retired);

    const moves = input.fields
      .map((e, i) => ({ e, i, r: byKey.get(e.key)!, section: e.section.trim() }))
      .filter(({ r, section, e }) => {
        const d = r.version.definition as FieldDefinition;
        return d.section !== section || d.order !== e.order;
      });
    const orgWide = moves.filter((m) => m.r.row.businessUnitId === null);
    if (orgWide.length && !holdsOrgWide(actor, 'admin'))
      throw new ForbiddenError(
        `Only organisation admins move organisation-wide fields, which sit in every business unit's form: ${orgWide.map((m) => m.e.key).join(', ')}.`,
        orgWide.map((m) => ({ field: `fields.${m.i}.key`, message: 'is an organisation-wide field: only organisation admins move it' })),
      );

    const now = clock.now();
    const saved = await db.transaction(async (tx) => {
      const out = new Map<string, number>();
      const stale: FieldProblem[] = [];
      for (const m of moves) {
        const row = (await repo.findDefinition(tx, actor.orgId, m.e.key, m.r.row.businessUnitId, true))!;
        const read = m.e.version ?? m.r.row.currentVersion;
        if (row.retiredAt || row.currentVersion !== read) {
          stale.push({ field: `fields.${m.i}.key`, message: row.retiredAt ? `the field "${m.e.key}" was just retired` : `the field "${m.e.key}" is at version ${row.currentVersion}, you read version ${read}` });
          continue;
        }
        const current = (await repo.findVersion(tx, actor.orgId, row.id, row.currentVersion))!.version.definition as FieldDefinition;
        const version = await repo.insertVersion(tx, {
          id: randomUUID(),
          orgId: actor.orgId,
          definitionId: row.id,
          number: row.currentVersion + 1,
          definition: { ...current, section: m.section, order: m.e.order },
          createdBy: actor.userId,
          createdAt: now,
        });
        out.set(m.e.key, version.number);
      }
      // Throwing rolls every move back: the layout is saved whole or not at all.
      if (stale.length) throw conflict(`Some fields changed since you read them: ${stale.map((p) => p.message).join('; ')}. Read the fields again and repeat your layout.`, stale);
      return out;
    });

    return {
      moved: saved.size,
      fields: input.fields.map((e) => {
        const r = byKey.get(e.key)!;
        const d = r.version.definition as FieldDefinition;
        const version = saved.get(e.key);
        return version
          ? { key: e.key, businessUnitId: r.row.businessUnitId, section: e.section.trim(), order: e.order, currentVersion: version, moved: true }
          : { key: e.key, businessUnitId: r.row.businessUnitId, section: d.section, order: d.order, currentVersion: r.row.currentVersion, moved: false };
      }),
    };
  }

  return { saveLayout };
}

export type FieldLayoutService = ReturnType<typeof createFieldLayoutService>;
