import type { Db } from '../../db/client';
import { findOffer, findVersion } from '../../offers/offers.repo';
import type { CapturedDefinition } from '../fields/custom-values';
import { definitionsCapturedBy, definitionsFor } from '../fields/custom-values.service';

export interface OfferCustomData {
  version: number;
  custom: Record<string, unknown>;
}

/**
 * The values a receiver may get: only keys whose definition is known and not sensitive
 * (a sensitive field is treated like pay, which offer events never carry). Pure.
 */
export function shareableCustom(defs: readonly CapturedDefinition[], custom: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  const open = new Set(defs.filter((d) => !d.definition.sensitive).map((d) => d.definition.key));
  return Object.fromEntries(Object.entries(custom ?? {}).filter(([key]) => open.has(key)));
}

/**
 * Read inside the transaction that raised the event, after the offer row changed: the latest
 * frozen version's values under the definitions it captured them with, or (before the first
 * submit) the draft's under those in force for its business unit.
 */
export async function offerCustomData(tx: Db, orgId: string, offerId: string): Promise<OfferCustomData | null> {
  const offer = await findOffer(tx, orgId, offerId);
  if (!offer) return null;
  if (offer.currentVersion > 0) {
    const version = await findVersion(tx, orgId, offerId, offer.currentVersion);
    const custom = (version?.terms as { custom?: Record<string, unknown> } | undefined)?.custom;
    return { version: offer.currentVersion, custom: shareableCustom(await definitionsCapturedBy(tx, orgId, version?.fieldVersions), custom) };
  }
  const custom = (offer.draftTerms as { custom?: Record<string, unknown> } | null)?.custom;
  return { version: 0, custom: shareableCustom(await definitionsFor(tx, orgId, offer.businessUnitId), custom) };
}
