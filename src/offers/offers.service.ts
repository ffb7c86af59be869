import type { Actor } from '../core/actor';
import { InvalidRequestError, NotFoundError } from '../core/errors';
import type { Db } from '../db/client';
import type { OfferTerms } from '../flow/intake/offer-terms.schema';
import { presentOffer, presentOfferSummary } from './offer-presenter';
import { findOffer, findVersion, listOffers, listVersions, type OfferRow, type OfferSortKey } from './offers.repo';

export interface ListOffersInput {
  status?: string[];
  businessUnitId?: string;
  departmentId?: string;
  recruiterId?: string;
  q?: string;
  sort: string;
  limit: number;
  cursor?: string;
}

/** Reading offers: the list with keyset paging, one offer, its versions. */
export function createOffersService({ db }: { db: Db }) {
  async function getOffer(actor: Actor, id: string) {
    const row = await findOffer(db, actor.orgId, id);
    if (!row) throw new NotFoundError('offer', id);
    return present(row);
  }

  async function present(row: OfferRow) {
    const latest = row.currentVersion > 0 ? await findVersion(db, row.orgId, row.id, row.currentVersion) : null;
    return presentOffer(row, (latest?.terms as OfferTerms | undefined) ?? null);
  }

  async function list(actor: Actor, input: ListOffersInput) {
    const direction = input.sort.startsWith('-') ? 'desc' : 'asc';
    const sort = input.sort.replace(/^-/, '') as OfferSortKey;
    const after = input.cursor ? decodeCursor(input.cursor) : undefined;
    // Only what encodeCursor writes may reach SQL: the values are cast there, and a failed cast is a 500.
    if (after && (sort === 'updatedAt' || sort === 'createdAt') && !isInstant(after.value)) {
      throw badCursor();
    }
    const rows = await listOffers(db, actor.orgId, { ...input, sort, direction, limit: input.limit + 1, after });
    const page = rows.slice(0, input.limit);
    const last = page.at(-1);
    return {
      items: page.map(presentOfferSummary),
      nextCursor: rows.length > input.limit && last ? encodeCursor(sortValue(last, sort), last.id) : null,
    };
  }

  async function versions(actor: Actor, id: string) {
    if (!(await findOffer(db, actor.orgId, id))) throw new NotFoundError('offer', id);
    const rows = await listVersions(db, actor.orgId, id);
    return rows.map((v) => ({ number: v.number, terms: v.terms as OfferTerms, createdBy: v.createdBy, createdAt: v.createdAt.toISOString() }));
  }

  return { getOffer, present, list, versions };
}

export type OffersService = ReturnType<typeof createOffersService>;

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
