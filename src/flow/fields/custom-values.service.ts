import type { Role } from '../../core/roles';
import { ForbiddenError, ValidationError } from '../../core/errors';
import type { Db } from '../../db/client';
import type { OfferTerms } from '../intake/offer-terms.schema';
import type { FieldDefinition } from './field-definition.schema';
import { definitionsInForce, definitionVersionsAt } from './fields.repo';
import {
  capturedUnder,
  customLeaf,
  describeFields,
  mergeWrite,
  problemsOfValues,
  problemsOfWrite,
  readableKeys,
  type CapturedDefinition,
  type CustomValues,
  type FieldVersions,
} from './custom-values';

/**
 * Custom values where offers are written and read: the definitions in force for an offer's
 * business unit while it is a draft, and those a frozen version was captured under afterwards.
 */

const asCaptured = (rows: { definitionId: string; version: number; definition: unknown }[]): CapturedDefinition[] =>
  rows.map((r) => ({ definitionId: r.definitionId, version: r.version, definition: r.definition as FieldDefinition }));

export async function definitionsFor(db: Db, orgId: string, businessUnitId: string): Promise<CapturedDefinition[]> {
  return asCaptured(await definitionsInForce(db, orgId, businessUnitId));
}

export async function definitionsCapturedBy(db: Db, orgId: string, fieldVersions: unknown): Promise<CapturedDefinition[]> {
  const refs = Object.values((fieldVersions ?? {}) as FieldVersions);
  return asCaptured(await definitionVersionsAt(db, orgId, refs));
}

export interface CustomWrite {
  orgId: string;
  businessUnitId: string;
  /** The roles of the caller's grants that reach the offer. */
  roles: readonly Role[];
  stored: OfferTerms | null | undefined;
  terms: OfferTerms;
}

/**
 * The terms to store: custom values merged with the hidden ones kept, then checked. A value the
 * caller's roles may not write is 403 naming it; a value its definition refuses is 422.
 */
export async function checkCustomWrite(db: Db, w: CustomWrite): Promise<OfferTerms> {
  const defs = await definitionsFor(db, w.orgId, w.businessUnitId);
  const stored = w.stored?.custom as CustomValues | undefined;
  const custom = mergeWrite(stored, w.terms.custom as CustomValues | undefined, defs, readableKeys(defs, w.roles));
  const { forbidden, invalid } = problemsOfWrite(defs, w.roles, stored, custom, w.terms as Record<string, unknown>);
  if (forbidden.length) {
    throw new ForbiddenError(`Your role may not set these custom fields: ${forbidden.map((p) => p.field).join(', ')}.`, forbidden);
  }
  if (invalid.length) throw new ValidationError(invalid);
  const { custom: _old, ...rest } = w.terms;
  return (Object.keys(custom).length ? { ...rest, custom } : rest) as OfferTerms;
}

/**
 * At submit: the values must still satisfy the definitions in force (a field made required
 * since the draft was saved stops the submit), and the version records which definition
 * version each value was captured under.
 */
export async function freezeCustomValues(db: Db, orgId: string, businessUnitId: string, terms: OfferTerms): Promise<FieldVersions> {
  const defs = await definitionsFor(db, orgId, businessUnitId);
  const custom = (terms.custom ?? {}) as CustomValues;
  const problems = problemsOfValues(defs, custom, terms as Record<string, unknown>);
  if (problems.length) throw new ValidationError(problems);
  return capturedUnder(defs, custom);
}

/**
 * The custom leaves these roles may read and the fields to describe them: for a draft, the
 * definitions in force; for a frozen version, those it was captured under.
 */
export async function customReading(db: Db, orgId: string, roles: readonly Role[], source: { businessUnitId: string } | { fieldVersions: unknown }) {
  const defs = 'fieldVersions' in source ? await definitionsCapturedBy(db, orgId, source.fieldVersions) : await definitionsFor(db, orgId, source.businessUnitId);
  const keys = readableKeys(defs, roles);
  return { leaves: [...keys].map(customLeaf), fields: describeFields(defs, keys), sensitive: defs.filter((d) => d.definition.sensitive && keys.has(d.definition.key)).map((d) => customLeaf(d.definition.key)) };
}

/** For a diff of two frozen versions: what these roles may read of either, labels by `custom.<key>`, and the sensitive leaves. */
export async function customDiffReading(db: Db, orgId: string, roles: readonly Role[], fieldVersions: unknown[]) {
  const readings = await Promise.all(fieldVersions.map((v) => customReading(db, orgId, roles, { fieldVersions: v })));
  return {
    leaves: readings.flatMap((r) => r.leaves),
    labels: new Map<string, string>(readings.flatMap((r) => r.fields.map((f) => [`custom.${f.key}`, f.label] as const))),
    sensitive: new Set(readings.flatMap((r) => r.sensitive)),
  };
}

/** Default values of the definitions in force that these roles may read: where a new offer's custom values start. */
export async function customDefaults(db: Db, orgId: string, businessUnitId: string, roles: readonly Role[]): Promise<CustomValues> {
  const defs = await definitionsFor(db, orgId, businessUnitId);
  const keys = readableKeys(defs, roles);
  return Object.fromEntries(defs.filter((d) => keys.has(d.definition.key) && d.definition.default !== undefined).map((d) => [d.definition.key, d.definition.default]));
}
