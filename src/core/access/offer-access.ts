import type { Actor, RoleGrant } from '../actor';
import { canonicalJson } from '../canonical-json';
import type { Role } from '../roles';
import { alwaysReadable, offerAccessMap, type OfferAction, type RowCondition } from './access-map';
import { offerSummaryCopies, termsFields, type OfferField } from './offer-fields';

/** What the row conditions need to know about one offer (or one about to be created). */
export interface OfferFacts {
  businessUnitId: string;
  status: string;
  /** terms.managerId of the current terms. */
  managerId: string | null;
  /** The hiring manager of the offer's requisition. */
  requisitionManagerId: string | null;
  /** People named as approvers on the offer's approval steps: they see what they are asked to approve. */
  stepApproverIds: readonly string[];
  needsLegal: boolean;
  hasStaffing: boolean;
}

interface TermsLike {
  managerId?: string;
  clauses?: { standard: boolean }[];
  staffing?: unknown;
}

export function offerFacts(
  row: { businessUnitId: string; status: string },
  terms: TermsLike | null,
  requisitionManagerId: string | null,
): OfferFacts {
  return {
    businessUnitId: row.businessUnitId,
    status: row.status,
    managerId: terms?.managerId ?? null,
    requisitionManagerId,
    stepApproverIds: [],
    needsLegal: !!terms?.clauses?.some((c) => c.standard === false),
    hasStaffing: terms?.staffing !== undefined && terms?.staffing !== null,
  };
}

export function conditionHolds(condition: RowCondition, facts: OfferFacts, userId: string): boolean {
  switch (condition) {
    case 'any':
      return true;
    case 'approver':
      return facts.managerId === userId || facts.requisitionManagerId === userId || facts.stepApproverIds.includes(userId);
    case 'needs_legal':
      return facts.needsLegal;
    case 'submitted':
      return facts.status !== 'draft' && facts.status !== 'cancelled';
    case 'staffing':
      return facts.hasStaffing;
  }
}

/** The caller's grants that reach this offer: in scope (its business unit or organisation-wide) and whose row condition holds. */
export function grantsReaching(actor: Pick<Actor, 'userId' | 'roles'>, facts: OfferFacts): RoleGrant[] {
  return actor.roles.filter(
    (g) =>
      (g.businessUnitId === null || g.businessUnitId === facts.businessUnitId) &&
      conditionHolds(offerAccessMap[g.role].rows, facts, actor.userId),
  );
}

/** The roles of those grants: what custom field definitions are checked against. */
export function rolesReaching(actor: Pick<Actor, 'userId' | 'roles'>, facts: OfferFacts): Role[] {
  return [...new Set(grantsReaching(actor, facts).map((g) => g.role))];
}

export function canSeeOffer(actor: Pick<Actor, 'userId' | 'roles'>, facts: OfferFacts): boolean {
  return grantsReaching(actor, facts).length > 0;
}

/** Leaves the caller may read on this offer: the union over the grants that reach it; empty when it may not see it. */
export function readableFields(actor: Pick<Actor, 'userId' | 'roles'>, facts: OfferFacts): Set<string> {
  return fieldsOfRoles(grantsReaching(actor, facts).map((g) => g.role));
}

/** Leaves a set of roles may read on some offer, ignoring scope and rows: what the web app uses to lay out a page. */
export function fieldsOfRoles(roles: readonly Role[]): Set<string> {
  const out = new Set<string>();
  if (roles.length === 0) return out;
  for (const f of alwaysReadable) out.add(f);
  for (const r of roles) for (const f of offerAccessMap[r].read) out.add(f);
  return out;
}

export function rolesMayTake(roles: readonly string[], action: OfferAction): boolean {
  return roles.some((r) => (offerAccessMap as Record<string, { actions: readonly OfferAction[] }>)[r]?.actions.includes(action));
}

/**
 * Keeps only readable leaves of a JSON value. Plain objects are walked; anything else (including
 * arrays) is a leaf at its dotted path. An object left empty is dropped, never sent as {}.
 */
export function maskLeaves(value: unknown, readable: ReadonlySet<string>, prefix = ''): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return readable.has(prefix) ? value : undefined;
  }
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const masked = maskLeaves(child, readable, prefix ? `${prefix}.${key}` : key);
    if (masked !== undefined) out[key] = masked;
  }
  return Object.keys(out).length ? out : undefined;
}

export type WriteDecision = { ok: true } | { ok: false; action: OfferAction; fields: string[] };

/**
 * May the caller take this action on this offer, touching these fields? The caller must already
 * see the offer (or, for create, the offer about to exist). Refusals name the action when no role
 * reaching the offer may take it, and each field otherwise.
 */
export function decideWrite(
  actor: Pick<Actor, 'userId' | 'roles'>,
  facts: OfferFacts,
  action: OfferAction,
  fields: readonly string[],
): WriteDecision {
  const rules = grantsReaching(actor, facts)
    .map((g) => offerAccessMap[g.role])
    .filter((rule) => rule.actions.includes(action));
  if (rules.length === 0) return { ok: false, action, fields: [...fields] };
  const writable = new Set<string>(rules.flatMap((r) => r.write));
  const refused = fields.filter((f) => !writable.has(f));
  return refused.length ? { ok: false, action, fields: refused } : { ok: true };
}

function valueAt(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** The terms leaves (as `terms.…` paths) whose values differ between two versions of the terms. */
export function changedTermsFields(before: unknown, after: unknown): OfferField[] {
  return termsFields.filter((f) => {
    const path = f.slice('terms.'.length);
    const a = valueAt(before, path);
    const b = valueAt(after, path);
    return canonicalJson(a ?? null) !== canonicalJson(b ?? null);
  });
}

/** The terms leaves a body sets (as `terms.…` paths). */
export function termsFieldsSet(terms: unknown): OfferField[] {
  return termsFields.filter((f) => valueAt(terms, f.slice('terms.'.length)) !== undefined);
}

/** The top-level copies of terms follow their twins, so a summary never shows what the terms would hide. */
export function copiesFollowTwins(readable: ReadonlySet<string>): boolean {
  return Object.entries(offerSummaryCopies).every(([copy, twin]) => readable.has(copy) === readable.has(twin));
}
