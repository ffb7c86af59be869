import type { Role } from '../roles';
import {
  offerFields,
  offerRecordFields,
  termsEquityFields,
  termsLocationFields,
  type OfferField,
} from './offer-fields';

/**
 * Which offers a role sees, besides the scope of the grant (a business unit or the organisation).
 * Each has one meaning, evaluated in TypeScript by offer-access.ts and in SQL by offers.repo.ts.
 */
export type RowCondition =
  | 'any' // every offer in scope
  | 'approver' // the caller is the offer's manager, its requisition's hiring manager, or named on one of its approval steps
  | 'needs_legal' // some clause is non-standard
  | 'submitted' // past draft and not cancelled
  | 'staffing'; // the offer has staffing terms

/** ask_changes: ask for changes to an offer the candidate holds; the request, not the edit, so no field is written. */
export type OfferAction = 'create' | 'edit_draft' | 'submit' | 'apply_event' | 'ask_changes';
export const offerActions: readonly OfferAction[] = ['create', 'edit_draft', 'submit', 'apply_event', 'ask_changes'];

export interface OfferRule {
  rows: RowCondition;
  /** Leaves the role may read; the offer's record fields (ids, status, versions, times) come with any visible row. */
  read: readonly OfferField[];
  /** Leaves the role may set when it takes a write action. */
  write: readonly OfferField[];
  actions: readonly OfferAction[];
}

const all = offerFields;
const except = (...hidden: readonly string[]) => offerFields.filter((f) => !hidden.includes(f));
const nothing: readonly OfferField[] = [];
/** What a writer sets: the candidate and requisition on create, every term after. */
const writable = offerFields.filter((f) => f.startsWith('terms.') || f === 'candidate.id' || f === 'requisitionId');

/**
 * The declared access map for offers: one row per role. docs/security.md ("The access map")
 * explains each row; change both together.
 */
export const offerAccessMap: Record<Role, OfferRule> = {
  admin: { rows: 'any', read: all, write: writable, actions: offerActions },
  recruiter: { rows: 'any', read: all, write: writable, actions: offerActions },
  finance: { rows: 'any', read: all, write: nothing, actions: ['ask_changes'] },
  hrbp: { rows: 'any', read: all, write: nothing, actions: ['ask_changes'] },
  hiring_manager: { rows: 'approver', read: except('terms.staffing.payRateCents'), write: nothing, actions: ['ask_changes'] },
  legal: {
    rows: 'needs_legal',
    read: [
      'title',
      'startDate',
      'terms.title',
      'terms.level',
      'terms.departmentId',
      ...termsLocationFields,
      'terms.employmentType',
      'terms.startDate',
      'terms.expiresOn',
      'terms.staffing.assignmentEndDate',
      'terms.clauses',
      'terms.contingencies',
    ],
    write: nothing,
    actions: [],
  },
  hr_ops: { rows: 'any', read: except(...termsEquityFields), write: nothing, actions: [] },
  it: {
    rows: 'submitted',
    read: [
      'candidate.name',
      'title',
      'startDate',
      'terms.title',
      'terms.level',
      'terms.departmentId',
      ...termsLocationFields,
      'terms.startDate',
      'terms.managerId',
      'terms.employmentType',
    ],
    write: nothing,
    actions: [],
  },
  payroll: {
    rows: 'submitted',
    read: [
      'candidate.name',
      'title',
      'startDate',
      'terms.title',
      'terms.departmentId',
      ...termsLocationFields,
      'terms.startDate',
      'terms.employmentType',
      'terms.flsaStatus',
      'terms.compensation.payBasis',
      'terms.compensation.currency',
      'terms.compensation.baseSalaryCents',
      'terms.compensation.hourlyRateCents',
      'terms.compensation.bonusTargetPercent',
    ],
    write: nothing,
    actions: [],
  },
  client_approver: {
    rows: 'staffing',
    read: [
      'title',
      'startDate',
      'terms.title',
      'terms.level',
      ...termsLocationFields,
      'terms.startDate',
      'terms.staffing.clientName',
      'terms.staffing.billRateCents',
      'terms.staffing.assignmentEndDate',
    ],
    write: nothing,
    actions: [],
  },
};

/** Fields every role that sees a row reads: what identifies it and where it stands, no personal data or terms. */
export const alwaysReadable: readonly OfferField[] = offerRecordFields;
