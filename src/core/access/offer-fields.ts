/**
 * Every leaf of the offer as the API shows it (src/offers/offers.schema.ts offerSchema), by dotted
 * path. Arrays (clauses, contingencies, allowedEvents) are leaves: they are shown or hidden whole.
 * A unit test checks this list against the schema, so a new field cannot slip past the access map.
 */
export const offerRecordFields = [
  'id',
  'status',
  'rowVersion',
  'businessUnitId',
  'departmentId',
  'candidate.id',
  'requisitionId',
  'recruiterId',
  'currentVersion',
  'allowedEvents',
  'createdAt',
  'updatedAt',
] as const;

export const offerPersonFields = ['candidate.name'] as const;

/** Top-level copies of terms kept on the offer row for listing; each follows its terms twin. */
export const offerSummaryCopies = { title: 'terms.title', startDate: 'terms.startDate' } as const;

export const termsRoleFields = ['terms.title', 'terms.level', 'terms.departmentId', 'terms.managerId'] as const;
export const termsLocationFields = ['terms.location.city', 'terms.location.state', 'terms.location.remote'] as const;
export const termsEquityFields = ['terms.compensation.equity.kind', 'terms.compensation.equity.units', 'terms.compensation.equity.vestingSchedule'] as const;
export const termsCashFields = [
  'terms.compensation.currency',
  'terms.compensation.payBasis',
  'terms.compensation.baseSalaryCents',
  'terms.compensation.hourlyRateCents',
  'terms.compensation.bonusTargetPercent',
  'terms.compensation.signOnBonusCents',
  'terms.compensation.relocationCents',
] as const;
export const termsStaffingFields = [
  'terms.staffing.clientName',
  'terms.staffing.payRateCents',
  'terms.staffing.billRateCents',
  'terms.staffing.assignmentEndDate',
] as const;

export const termsFields = [
  ...termsRoleFields,
  ...termsLocationFields,
  'terms.employmentType',
  'terms.flsaStatus',
  ...termsCashFields,
  ...termsEquityFields,
  'terms.startDate',
  'terms.expiresOn',
  'terms.clauses',
  'terms.contingencies',
  ...termsStaffingFields,
] as const;

export const offerFields = [...offerRecordFields, ...offerPersonFields, 'title', 'startDate', ...termsFields] as const;
export type OfferField = (typeof offerFields)[number];
export type TermsField = (typeof termsFields)[number];

/**
 * Someone's pay: viewing any of these on an offer writes a compensation read audit row.
 * Bill rate counts: with the pay rate it gives the margin, and it is what a person is billed at.
 */
export function isCompensationField(field: string): boolean {
  return field.startsWith('terms.compensation.') || /^terms\.staffing\.[a-zA-Z]*Rate/.test(field);
}
