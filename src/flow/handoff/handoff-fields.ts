import type { Role } from '../../core/roles';

/**
 * The handoff record: one flat row per handed-off offer, as HRIS imports it (JSON or CSV).
 * Frozen into offer_handoffs.record when the offer is handed off; before that it is built live.
 */
export const handoffFields = [
  'offerId',
  'versionNumber',
  'handedOffAt',
  'candidateName',
  'candidateEmail',
  'title',
  'level',
  'businessUnitId',
  'departmentId',
  'startDate',
  'locationCity',
  'locationState',
  'locationRemote',
  'managerId',
  'managerName',
  'employmentType',
  'flsaStatus',
  'payBasis',
  'currency',
  'baseSalaryCents',
  'hourlyRateCents',
  'bonusTargetPercent',
  'signOnBonusCents',
  'relocationCents',
  'equityKind',
  'equityUnits',
  'equityVestingSchedule',
  'contingencies',
] as const;
export type HandoffField = (typeof handoffFields)[number];
export type HandoffValue = string | number | boolean | null;
export type HandoffRecord = Record<HandoffField, HandoffValue>;

const payFields: readonly HandoffField[] = ['payBasis', 'currency', 'baseSalaryCents', 'hourlyRateCents', 'bonusTargetPercent', 'signOnBonusCents', 'relocationCents'];
const equityFields: readonly HandoffField[] = ['equityKind', 'equityUnits', 'equityVestingSchedule'];

/**
 * What each role sees of the handoff record: the one place these lists are declared.
 * docs/security.md ("Handoff views per role") explains each; change both together.
 * A role not listed (or with an empty list) sees no handoff data.
 */
export const handoffViews: Record<Role, readonly HandoffField[]> = {
  admin: handoffFields,
  recruiter: handoffFields,
  // I-9, policies and the HRIS record: everything but equity, which HR ops does not read on offers either.
  hr_ops: handoffFields.filter((f) => !equityFields.includes(f)),
  // Laptop and accounts: who, what, when, where, reporting to whom. Never pay.
  it: ['offerId', 'candidateName', 'title', 'startDate', 'locationCity', 'locationState', 'locationRemote', 'managerId', 'managerName'],
  // Payroll set-up: who, when, how they are paid, and the state whose payroll rules apply.
  payroll: ['offerId', 'candidateName', 'startDate', 'payBasis', 'currency', 'baseSalaryCents', 'hourlyRateCents', 'flsaStatus', 'employmentType', 'locationState'],
  // The first-day plan: the IT fields plus level, department and employment type. No pay.
  hiring_manager: ['offerId', 'candidateName', 'title', 'level', 'departmentId', 'startDate', 'locationCity', 'locationState', 'locationRemote', 'managerId', 'managerName', 'employmentType'],
  finance: [],
  hrbp: [],
  legal: [],
  client_approver: [],
};

/** Roles that may export handoff records (API and CLI), each with its own field list. */
export const handoffExportRoles: readonly Role[] = ['admin', 'hr_ops', 'payroll'];

/** The union of the roles' fields, in the record's declared order. */
export function handoffFieldsOf(roles: readonly Role[]): HandoffField[] {
  const chosen = new Set(roles.flatMap((r) => handoffViews[r]));
  return handoffFields.filter((f) => chosen.has(f));
}

/** The record cut down to these fields (absent fields are left out, not nulled). */
export function handoffView(record: HandoffRecord, fields: readonly HandoffField[]): Partial<HandoffRecord> {
  const out: Partial<HandoffRecord> = {};
  for (const f of fields) out[f] = record[f] ?? null;
  return out;
}

/** The offer terms a handoff field shows, for the compensation read audit (pay fields only). */
export const handoffTermsPaths: Partial<Record<HandoffField, string>> = {
  payBasis: 'terms.compensation.payBasis',
  currency: 'terms.compensation.currency',
  baseSalaryCents: 'terms.compensation.baseSalaryCents',
  hourlyRateCents: 'terms.compensation.hourlyRateCents',
  bonusTargetPercent: 'terms.compensation.bonusTargetPercent',
  signOnBonusCents: 'terms.compensation.signOnBonusCents',
  relocationCents: 'terms.compensation.relocationCents',
  equityKind: 'terms.compensation.equity.kind',
  equityUnits: 'terms.compensation.equity.units',
  equityVestingSchedule: 'terms.compensation.equity.vestingSchedule',
};

export function isPayField(field: HandoffField): boolean {
  return payFields.includes(field) || equityFields.includes(field);
}

/** RFC 4180 CSV: a header row of the fields, then one row per record; CRLF line ends. */
export function handoffCsv(records: readonly Partial<HandoffRecord>[], fields: readonly HandoffField[]): string {
  const cell = (v: HandoffValue | undefined) => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    // A leading = + - @ would be a formula in a spreadsheet: prefix a quote so it stays text.
    const safe = /^[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [fields.join(','), ...records.map((r) => fields.map((f) => cell(r[f])).join(','))];
  return lines.join('\r\n') + '\r\n';
}
