import { offerEventTypes, transition, type OfferStatus } from '../core/lifecycle';
import type { OfferTerms } from '../flow/intake/offer-terms.schema';
import type { OfferRow } from './offers.repo';
import type { OfferDto } from './offers.schema';

export function presentOfferSummary(row: OfferRow): Omit<OfferDto, 'terms' | 'allowedEvents'> {
  return {
    id: row.id,
    status: row.status as OfferStatus,
    rowVersion: row.rowVersion,
    businessUnitId: row.businessUnitId,
    departmentId: row.departmentId,
    candidate: { id: row.candidateId, name: row.candidateName },
    requisitionId: row.requisitionId,
    recruiterId: row.recruiterId,
    title: row.title,
    startDate: row.startDate,
    currentVersion: row.currentVersion,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentOffer(row: OfferRow, latestVersionTerms: OfferTerms | null): OfferDto {
  const status = row.status as OfferStatus;
  return {
    ...presentOfferSummary(row),
    terms: (row.draftTerms as OfferTerms | null) ?? latestVersionTerms,
    allowedEvents: offerEventTypes.filter((e) => transition(status, e).ok),
  };
}
