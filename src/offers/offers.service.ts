import { roleNames, type Actor } from '../core/actor';
import { fieldsOfRoles, maskLeaves, readableFields, rolesReaching } from '../core/access/offer-access';
import { customReading } from '../flow/fields/custom-values.service';
import { customFiltersOf } from '../flow/fields/custom-params';
import { columnValues } from '../flow/fields/custom-query';
import { customQuery } from '../flow/fields/custom-query.service';
import type { Clock } from '../core/clock';
import { InvalidRequestError, NotFoundError } from '../core/errors';
import type { Db } from '../db/client';
import { createCompensationViews, type CompensationViewVia } from '../audit/compensation-views.service';
import type { OfferTerms } from '../flow/intake/offer-terms.schema';
import { factsOf, findVisibleOffer, reachOf } from './offer-access';
import { presentOffer, presentOfferSummary } from './offer-presenter';
import { findOfferWithAccess, findVersion, listOffers, listVersions, type OfferRow, type OfferSortKey } from './offers.repo';
import type { VisibleOfferDto } from './offers.schema';

export interface ListOffersInput {
  status?: string[];
  businessUnitId?: string;
  departmentId?: string;
  recruiterId?: string;
  q?: string;
  sort: string;
  limit: number;
  cursor?: string;
  /** `custom.<key>` paths whose values each item carries. */
  columns?: string[];
}

/**
 * Reading offers: the list with keyset paging, one offer, its versions. Every answer shows only
 * what the access map lets the caller read, and a shown compensation field is audited.
 */
export function createOffersService({ db, clock }: { db: Db; clock: Clock }) {
  const compensationViews = createCompensationViews({ db, clock });

  async function getOffer(actor: Actor, id: string) {
    const { row } = await findVisibleOffer(db, actor, id);
    return present(actor, row, 'offer.get');
  }

  /** The offer as this caller may see it; `via` names the endpoint for the compensation read audit. */
  async function present(actor: Actor, row: OfferRow, via: CompensationViewVia): Promise<VisibleOfferDto> {
    const withAccess = await findOfferWithAccess(db, actor.orgId, row.id);
    const facts = withAccess && factsOf(withAccess);
    const readable = facts ? readableFields(actor, facts) : new Set<string>();
    // A write never moves an offer out of its writer's reach (writes need the right where it lands); if one did, say not found.
    if (!facts || readable.size === 0) throw new NotFoundError('offer', row.id);
    const latest = row.currentVersion > 0 ? await findVersion(db, row.orgId, row.id, row.currentVersion) : null;
    const dto = presentOffer(row, (latest?.terms as OfferTerms | undefined) ?? null);
    // A draft's custom values follow the definitions in force; a frozen version's, those it was captured under.
    const custom = await customReading(db, row.orgId, rolesReaching(actor, facts), row.draftTerms || !latest ? { businessUnitId: row.businessUnitId } : { fieldVersions: latest.fieldVersions });
    for (const leaf of custom.leaves) readable.add(leaf);
    const masked = (maskLeaves(dto, readable) ?? {}) as VisibleOfferDto;
    await compensationViews.record(actor, row.id, leavesOf(masked), via, custom.sensitive);
    return custom.fields.length ? { ...masked, customFields: custom.fields } : masked;
  }

  async function list(actor: Actor, input: ListOffersInput) {
    const direction = input.sort.startsWith('-') ? 'desc' : 'asc';
    const sort = input.sort.replace(/^-/, '') as OfferSortKey;
    // Ordering by a name reveals it even where the name itself is masked.
    if (sort === 'candidateName' && !roleNames(actor).every((r) => fieldsOfRoles([r]).has('candidate.name'))) {
      throw new InvalidRequestError('Your role cannot sort by candidate name.', [{ field: 'sort', message: 'cannot be candidateName for your role' }]);
    }
    const after = input.cursor ? decodeCursor(input.cursor) : undefined;
    // Only what encodeCursor writes may reach SQL: the values are cast there, and a failed cast is a 500.
    if (after && (sort === 'updatedAt' || sort === 'createdAt') && !isInstant(after.value)) {
      throw badCursor();
    }
    const custom = await customQuery(
      db,
      actor.orgId,
      { params: customFiltersOf(input), columns: input.columns, roles: roleNames(actor) },
      (problems) => new InvalidRequestError('Some custom fields cannot be used this way.', problems),
    );
    const rows = await listOffers(db, actor.orgId, {
      ...input,
      custom: custom.filters,
      sort,
      direction,
      limit: input.limit + 1,
      after,
      reach: reachOf(actor),
      nameReach: reachOf(actor, 'candidate.name'),
    });
    const page = rows.slice(0, input.limit);
    const last = page.at(-1);
    const items = [];
    for (const row of page) {
      const facts = factsOf(row);
      const item = maskLeaves(presentOfferSummary(row), readableFields(actor, facts)) as ReturnType<typeof presentOfferSummary>;
      if (custom.columns.length === 0) {
        items.push(item);
        continue;
      }
      const shown = columnValues(row.customValues as Record<string, unknown>, custom.columns, custom.defs, { businessUnitId: row.businessUnitId, roles: rolesReaching(actor, facts) });
      // A sensitive value in a column is a pay read like any other.
      await compensationViews.record(actor, row.id, shown.sensitive, 'offer.list', shown.sensitive);
      items.push({ ...item, custom: shown.custom });
    }
    return {
      items,
      nextCursor: rows.length > input.limit && last ? encodeCursor(sortValue(last, sort), last.id) : null,
    };
  }

  /** Every frozen version, each with its custom values shown under the definitions they were captured under. */
  async function versions(actor: Actor, id: string) {
    const { readable, facts } = await findVisibleOffer(db, actor, id);
    const roles = rolesReaching(actor, facts);
    const rows = await listVersions(db, actor.orgId, id);
    const sensitive: string[] = [];
    const out = await Promise.all(
      rows.map(async (v) => {
        const custom = await customReading(db, actor.orgId, roles, { fieldVersions: v.fieldVersions });
        sensitive.push(...custom.sensitive);
        return {
          number: v.number,
          terms: maskLeaves(v.terms, new Set([...readable, ...custom.leaves]), 'terms') as OfferTerms | undefined,
          customFields: custom.fields,
          createdBy: v.createdBy,
          createdAt: v.createdAt.toISOString(),
        };
      }),
    );
    await compensationViews.record(actor, id, out.flatMap((v) => leavesOf({ terms: v.terms })), 'offer.versions', sensitive);
    return out;
  }

  /** Answers 404 unless the caller may see the offer: for endpoints that show no fields of it (the journal). */
  async function requireVisible(actor: Actor, id: string): Promise<void> {
    await findVisibleOffer(db, actor, id);
  }

  return { getOffer, present, list, versions, requireVisible };
}

export type OffersService = ReturnType<typeof createOffersService>;

/** Dotted paths of the leaves present in a JSON value (arrays are leaves). */
function leavesOf(value: unknown, prefix = ''): string[] {
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) return value === undefined ? [] : [prefix];
  return Object.entries(value).flatMap(([k, v]) => leavesOf(v, prefix ? `${prefix}.${k}` : k));
}

function sortValue(row: OfferRow, key: OfferSortKey): string {
  const v = row[key];
  return v instanceof Date ? v.toISOString() : String(v);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Exactly what toISOString writes, for a year PostgreSQL accepts (2027-02-30 or year 0 would fail its cast). */
function isInstant(value: string): boolean {
  const d = new Date(value);
  return /^(?!0000)\d{4}-/.test(value) && !Number.isNaN(d.getTime()) && d.toISOString() === value;
}

function encodeCursor(value: string, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

function decodeCursor(cursor: string): { value: string; id: string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && !parsed[0].includes('\u0000') && typeof parsed[1] === 'string' && UUID.test(parsed[1])) {
      return { value: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw badCursor();
}

function badCursor() {
  return new InvalidRequestError('The cursor is not one this API returned for this sort.', [
    { field: 'cursor', message: 'is not a cursor from a previous page' },
  ]);
}
