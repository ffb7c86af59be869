import { fieldOf } from './deltas';

/** Plain names of the offer's terms, for a diff a person reads; negotiable fields keep their own labels. */
const labels: Record<string, string> = {
  title: 'Title',
  level: 'Level',
  departmentId: 'Department',
  managerId: 'Manager',
  'location.city': 'City',
  'location.state': 'State',
  'location.remote': 'Remote',
  employmentType: 'Employment type',
  flsaStatus: 'FLSA status',
  'compensation.currency': 'Currency',
  'compensation.payBasis': 'Pay basis',
  'compensation.equity.kind': 'Equity kind',
  'compensation.equity.vestingSchedule': 'Vesting schedule',
  startDate: 'Start date',
  expiresOn: 'Offer expires on',
  clauses: 'Clauses',
  contingencies: 'Contingencies',
  'staffing.clientName': 'Client',
  'staffing.payRateCents': 'Pay rate',
  'staffing.billRateCents': 'Bill rate',
  'staffing.assignmentEndDate': 'Assignment ends',
};

export function termLabel(path: string): string {
  return fieldOf(path)?.label ?? labels[path] ?? path;
}
