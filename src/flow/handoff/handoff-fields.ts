import { toCsv } from '../../core/csv';
import type { Role } from '../../core/roles';
import type { FieldDefinition } from '../fields/field-definition.schema';

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
/** A custom value as stored on the offer version: a select's option value, cents, an ISO date, a multi select's values. */
export type HandoffCustomValue = HandoffValue | string[];
/**
 * The record, and the version's custom values by key under `custom` (frozen with the record, every
 * value; each view keeps only the keys its roles may read, see handoffCustomKeys).
 */
export type HandoffRecord = Record<HandoffField, HandoffValue> & { custom?: Record<string, HandoffCustomValue> };
export type HandoffRecordView = Partial<HandoffRecord>;

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

/**
 * The custom fields these roles see in a handoff view: a role that sees handoff data at all, and
 * reads the field by its definition; a sensitive field (treated like pay) only for a role whose
 * handoff view shows pay.
 */
export function handoffCustomKeys(defs: readonly FieldDefinition[], roles: readonly Role[]): string[] {
  const seeing = roles.filter((r) => handoffViews[r].length > 0);
  const keys = defs.filter((d) => seeing.some((r) => d.access.read.includes(r) && (!d.sensitive || handoffViews[r].some(isPayField)))).map((d) => d.key);
  return [...new Set(keys)].sort();
}

/**
 * The record cut down to these fields (absent fields are left out, not nulled) and, when there
 * are any, to these custom keys under `custom` (only those the version holds a value for).
 */
export function handoffView(record: HandoffRecord, fields: readonly HandoffField[], customKeys: readonly string[] = []): HandoffRecordView {
  const out: HandoffRecordView = {};
  for (const f of fields) out[f] = record[f] ?? null;
  if (customKeys.length) out.custom = Object.fromEntries(customKeys.filter((k) => record.custom?.[k] !== undefined).map((k) => [k, record.custom![k]!]));
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

/**
 * RFC 4180 CSV (src/core/csv.ts): a header row of the fields, then `custom.<key>` for each custom
 * key (a multi select's values joined by `;`), then one row per record; CRLF line ends.
 */
export function handoffCsv(records: readonly HandoffRecordView[], fields: readonly HandoffField[], customKeys: readonly string[] = []): string {
  const header = [...fields, ...customKeys.map((k) => `custom.${k}`)];
  const cell = (v: HandoffCustomValue | undefined) => (Array.isArray(v) ? v.join(';') : v);
  return toCsv(
    header,
    records.map((r) => [...fields.map((f) => r[f]), ...customKeys.map((k) => cell(r.custom?.[k]))]),
  );
}

/** Every custom key that some record holds, sorted: the custom columns of a whole-record export. */
export function customKeysOf(records: readonly HandoffRecordView[]): string[] {
  return [...new Set(records.flatMap((r) => Object.keys(r.custom ?? {})))].sort();
}
