import { roleNames, type Actor } from '../core/actor';
import { fieldsOfRoles, maskLeaves, readableFields, rolesReaching } from '../core/access/offer-access';
import type { Clock } from '../core/clock';
import { InvalidRequestError } from '../core/errors';
import type { Db } from '../db/client';
import { createCompensationViews } from '../audit/compensation-views.service';
import type { CapturedDefinition, FieldVersions } from '../flow/fields/custom-values';
import type { FieldDefinition } from '../flow/fields/field-definition.schema';
import { definitionVersionsAt, listDefinitions } from '../flow/fields/fields.repo';
import { customFiltersOf, type CustomFilterParams } from '../flow/fields/custom-params';
import { customQuery } from '../flow/fields/custom-query.service';
import { factsOf, reachOf } from './offer-access';
import { customCells, customColumns, EXPORT_ROW_LIMIT, summaryColumns, type ExportRow, type ExportValue } from './offer-export';
import { currentVersionCustom } from './offer-export.repo';
import { presentOfferSummary } from './offer-presenter';
import { listOffers, type OfferAccessRow, type OfferSortKey } from './offers.repo';
import type { ListOffersInput } from './offers.service';

/** The list's filters and sort; no paging, since an export is every matching offer up to the limit. */
export type ExportOffersInput = Omit<ListOffersInput, 'limit' | 'cursor' | 'columns'>;

/** The filters may also hold `custom.<key>` parameters, judged as the list judges them. */
export type ExportOffersRequest = ExportOffersInput & Partial<CustomFilterParams>;

type InForce = CapturedDefinition & { businessUnitId: string | null };

const refKey = (r: { definitionId: string; version: number }) => `${r.definitionId}:${r.version}`;

/**
 * The offers the list would show for these filters, all pages at once (up to EXPORT_ROW_LIMIT),
 * with the caller's readable custom fields as columns. Sensitive custom values shown are
 * recorded in the compensation read audit like pay.
 */
export function createOfferExport({ db, clock }: { db: Db; clock: Clock }) {
  const compensationViews = createCompensationViews({ db, clock });

  async function exportOffers(actor: Actor, input: ExportOffersRequest) {
    const direction = input.sort.startsWith('-') ? 'desc' : 'asc';
    const sort = input.sort.replace(/^-/, '') as OfferSortKey;
    // As in the list: ordering by a name reveals it even where the name itself is masked.
    if (sort === 'candidateName' && !roleNames(actor).every((r) => fieldsOfRoles([r]).has('candidate.name'))) {
      throw new InvalidRequestError('Your role cannot sort by candidate name.', [{ field: 'sort', message: 'cannot be candidateName for your role' }]);
    }
    const filters = await customQuery(
      db,
      actor.orgId,
      { params: customFiltersOf(input), roles: roleNames(actor) },
      (problems) => new InvalidRequestError('Some custom fields cannot be used this way.', problems),
    );
    const rows = await listOffers(db, actor.orgId, {
      custom: filters.filters,
      status: input.status,
      businessUnitId: input.businessUnitId,
      departmentId: input.departmentId,
      recruiterId: input.recruiterId,
      q: input.q,
      sort,
      direction,
      limit: EXPORT_ROW_LIMIT + 1,
      reach: reachOf(actor),
      nameReach: reachOf(actor, 'candidate.name'),
    });
    const page = rows.slice(0, EXPORT_ROW_LIMIT);
    const somewhere = fieldsOfRoles(roleNames(actor));
    const summary = summaryColumns.filter((c) => somewhere.has(c.leaf));

    const inForce: InForce[] = (await listDefinitions(db, actor.orgId))
      .filter(({ row }) => !row.retiredAt)
      .map(({ row, version }) => ({ definitionId: row.id, version: version.number, definition: version.definition as FieldDefinition, businessUnitId: row.businessUnitId }));
    const custom = customColumns(
      inForce.map((d) => d.definition),
      roleNames(actor),
    );
    const frozen = custom.length ? await currentVersionCustom(db, actor.orgId, page.filter((r) => !r.draftTerms && r.currentVersion > 0).map((r) => r.id)) : new Map();
    const captured = await capturedDefinitions(actor.orgId, [...frozen.values()].map((v) => v.fieldVersions));

    const audits: [string, string[]][] = [];
    const items = page.map((row): ExportRow => {
      const facts = factsOf(row);
      const masked = maskLeaves(presentOfferSummary(row), readableFields(actor, facts)) as Record<string, unknown> | undefined;
      const out: ExportRow = {};
      for (const c of summary) out[c.column] = (readLeaf(masked, c.leaf) as ExportValue | undefined) ?? null;
      if (!custom.length) return out;
      const { values, defs } = customOf(row, inForce, frozen.get(row.id), captured);
      const { cells, sensitiveShown } = customCells(custom, values, defs, rolesReaching(actor, facts));
      if (sensitiveShown.length) audits.push([row.id, sensitiveShown]);
      return { ...out, ...cells };
    });
    for (const [offerId, shown] of audits) await compensationViews.record(actor, offerId, shown, 'export.offers', shown);
    return { columns: [...summary.map((c) => c.column), ...custom], items, truncated: rows.length > EXPORT_ROW_LIMIT, limit: EXPORT_ROW_LIMIT };
  }

  /** Every definition version the rows' values were captured under, loaded once. */
  async function capturedDefinitions(orgId: string, all: unknown[]): Promise<Map<string, CapturedDefinition>> {
    const refs = new Map<string, { definitionId: string; version: number }>();
    for (const fv of all) for (const r of Object.values((fv ?? {}) as FieldVersions)) refs.set(refKey(r), r);
    const rows = await definitionVersionsAt(db, orgId, [...refs.values()]);
    return new Map(rows.map((r) => [refKey(r), { definitionId: r.definitionId, version: r.version, definition: r.definition as FieldDefinition }]));
  }

  return { exportOffers };
}

export type OfferExport = ReturnType<typeof createOfferExport>;

/** A draft's values follow the definitions in force for its unit; a frozen version's, those it was captured under. */
function customOf(
  row: OfferAccessRow,
  inForce: readonly InForce[],
  frozen: { custom: Record<string, unknown> | null; fieldVersions: unknown } | undefined,
  captured: ReadonlyMap<string, CapturedDefinition>,
) {
  if (row.draftTerms) {
    const values = (row.draftTerms as { custom?: Record<string, unknown> }).custom ?? null;
    return { values, defs: inForce.filter((d) => d.businessUnitId === null || d.businessUnitId === row.businessUnitId) };
  }
  const refs = Object.values((frozen?.fieldVersions ?? {}) as FieldVersions);
  return { values: frozen?.custom ?? null, defs: refs.flatMap((r) => captured.get(refKey(r)) ?? []) };
}

function readLeaf(value: Record<string, unknown> | undefined, leaf: string): unknown {
  return leaf.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), value);
}
