import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { candidates, departments, organizations, requisitions, users } from '../../db/schema';
import { definitionsCapturedBy, definitionsFor } from '../fields/custom-values.service';
import type { FieldDefinition } from '../fields/field-definition.schema';
import { listDefinitions } from '../fields/fields.repo';
import type { OfferTerms } from '../intake/offer-terms.schema';
import { customCatalogue, customMergeValues, type CustomMergeValue } from './custom-catalogue';
import type { CatalogueField } from './field-catalogue';

/** The organisation's letterhead and company signatory, as stored on the organisation. */
export interface Letterhead {
  addressLines: string[];
  signatoryName: string;
  signatoryTitle: string;
  logoSha256?: string;
}

export const defaultLetterhead = (orgName: string): Letterhead => ({ addressLines: [], signatoryName: orgName, signatoryTitle: 'Authorized signatory' });

/** Everything a packet's documents are filled from, besides the terms: read in one place, scoped to the organisation. */
export async function loadMergeSources(db: Db, orgId: string, offer: { candidateId: string; requisitionId: string | null }, terms: OfferTerms) {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, orgId));
  const [candidate] = await db.select().from(candidates).where(and(eq(candidates.orgId, orgId), eq(candidates.id, offer.candidateId)));
  const [requisition] = offer.requisitionId
    ? await db.select().from(requisitions).where(and(eq(requisitions.orgId, orgId), eq(requisitions.id, offer.requisitionId)))
    : [];
  const [department] = await db.select({ name: departments.name }).from(departments).where(and(eq(departments.orgId, orgId), eq(departments.id, terms.departmentId)));
  const [manager] = terms.managerId
    ? await db.select({ name: users.name }).from(users).where(and(eq(users.orgId, orgId), eq(users.id, terms.managerId)))
    : [];
  const letterhead = { ...defaultLetterhead(org!.name), ...((org!.letterhead as Partial<Letterhead> | null) ?? {}) };
  return {
    organization: { name: org!.name },
    letterhead,
    candidate: {
      firstName: candidate!.firstName,
      lastName: candidate!.lastName,
      email: candidate!.email,
      city: candidate!.city ?? '',
      state: candidate!.state ?? '',
    },
    requisition: requisition ? { code: requisition.code, title: requisition.title, roleFamily: requisition.roleFamily } : null,
    departmentName: department?.name ?? '',
    managerName: manager?.name ?? null,
  };
}

export type MergeSources = Awaited<ReturnType<typeof loadMergeSources>>;

/**
 * The custom fields a template of this organisation may name: every definition not retired, at
 * its current version. A key two business units both define is listed once: `custom.<key>`
 * names whichever the offer carries.
 */
export async function orgCustomCatalogue(db: Db, orgId: string): Promise<CatalogueField[]> {
  const byKey = new Map<string, FieldDefinition>();
  for (const { row, version } of await listDefinitions(db, orgId)) {
    if (!row.retiredAt && !byKey.has(row.key)) byKey.set(row.key, version.definition as FieldDefinition);
  }
  return customCatalogue([...byKey.values()]);
}

/**
 * The `custom` group of the merge context: a frozen version's values under the definitions they
 * were captured under, or a draft's under those in force for its business unit.
 */
export async function loadCustomMerge(
  db: Db,
  orgId: string,
  source: { fieldVersions: unknown } | { businessUnitId: string },
  terms: OfferTerms,
): Promise<Record<string, CustomMergeValue>> {
  const custom = (terms.custom ?? {}) as Record<string, unknown>;
  if (Object.keys(custom).length === 0) return {};
  const defs = ('fieldVersions' in source ? await definitionsCapturedBy(db, orgId, source.fieldVersions) : await definitionsFor(db, orgId, source.businessUnitId)).map((d) => d.definition);
  const userIds = defs.filter((d) => d.type === 'user_reference').map((d) => custom[d.key]).filter((v): v is string => typeof v === 'string' && UUID.test(v));
  const named = userIds.length ? await db.select({ id: users.id, name: users.name }).from(users).where(and(eq(users.orgId, orgId), inArray(users.id, userIds))) : [];
  return customMergeValues(defs, custom, { currency: terms.compensation.currency, userNames: new Map(named.map((u) => [u.id, u.name])) });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
