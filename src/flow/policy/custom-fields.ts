import type { FieldType, PolicyField, PolicySubject } from './policy-fields';

/**
 * Custom offer fields in the policy language, named `custom.<key>`. Their definitions live in
 * the database, so the parser is handed them (custom-catalogue.ts) and records what it checked
 * each one as in the saved policy document: routing and explanations then read the policy alone,
 * and an offer is judged by the field as the policy version knew it.
 */

export const CUSTOM_PREFIX = 'custom.';

export const isCustomPath = (path: string) => path.startsWith(CUSTOM_PREFIX);

/** `custom.cost_center` -> `cost_center`; null for anything deeper or shallower. */
export function customKeyOf(path: string): string | null {
  if (!isCustomPath(path)) return null;
  const key = path.slice(CUSTOM_PREFIX.length);
  return /^[a-z][a-z0-9_]{0,39}$/.test(key) ? key : null;
}

/** What a policy version knows of one custom field: stored in the document under `customFields`. */
export interface CustomFieldSnapshot {
  label: string;
  /** The field's kind as conditions test it: selects are enums (single) or lists (multi). */
  type: FieldType;
  /** Selects: the option values. */
  values?: string[];
  /** Selects: how explanations name an option ("Data (CC-200)"). */
  valueLabels?: Record<string, string>;
  /** Some roles that read explanations may not read this field: explanations then leave its value out. */
  withheld?: boolean;
}

/** The policy field a snapshot stands for; its value is read from the version's `terms.custom`. */
export function customPolicyField(key: string, snap: CustomFieldSnapshot | undefined): PolicyField {
  // A document without a snapshot cannot come from the parser; fall back to plain text rather than fail routing.
  const s = snap ?? { label: key, type: 'text' as const };
  return {
    path: CUSTOM_PREFIX + key,
    type: s.type,
    label: s.label,
    ...(s.values ? { values: s.values } : {}),
    ...(s.valueLabels ? { valueLabels: s.valueLabels } : {}),
    ...(s.type === 'boolean' ? { says: [`${s.label}: yes`, `${s.label}: no`] as const } : {}),
    ...(s.withheld ? { withheld: true } : {}),
    coverable: true,
    read: (subject: PolicySubject) => {
      const v = (subject.terms.custom as Record<string, unknown> | undefined)?.[key];
      // Intake drops empty values; an old or hand-made version may still hold one, and it means "not set".
      return v === '' || (Array.isArray(v) && v.length === 0) ? undefined : v;
    },
  };
}
