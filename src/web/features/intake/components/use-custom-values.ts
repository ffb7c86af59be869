import { useState } from 'react';
import type { Condition } from '../../../../flow/policy/policy.schema';
import { conditionHoldsOver } from '../../../../flow/fields/field-value';
import { problemOf, toApiValue, toApiValues, toInputValue, withoutLabel } from '../../../lib/custom-values';
import { useOfferFormFields, type FormField } from '../../../lib/offer-form';

interface Options {
  businessUnitId: string | null | undefined;
  /** Edit: the draft's stored values (only those the caller reads); create: undefined, so defaults apply. */
  stored: Record<string, unknown> | undefined;
  currency: string;
  /** The offer's other terms as the API takes them, for required-when conditions. */
  terms: Record<string, unknown>;
  /** After a save attempt every problem shows, not only those of inputs already used. */
  showAll: boolean;
}

/**
 * The custom fields of the intake form: the business unit's fields as the caller's roles see
 * them, what is typed in each, and the same checks the server runs (field-value.ts), live.
 */
export function useCustomValues({ businessUnitId, stored, currency, terms, showAll }: Options) {
  const query = useOfferFormFields(businessUnitId);
  const fields: FormField[] = businessUnitId ? (query.data ?? []) : [];
  const [edited, setEdited] = useState<Record<string, unknown>>({});
  const [visited, setVisited] = useState<ReadonlySet<string>>(new Set());
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});

  const inputs: Record<string, unknown> = Object.fromEntries(
    fields.map((f) => [f.key, f.key in edited ? edited[f.key] : toInputValue(f, stored ? stored[f.key] : f.default, currency)]),
  );
  const payload = toApiValues(fields, inputs, currency);
  const others = { terms, custom: payload };
  const required = (f: FormField) => f.validation.required || (!!f.validation.requiredWhen && conditionHoldsOver(f.validation.requiredWhen as Condition, others));

  const live: Record<string, string | undefined> = {};
  for (const f of fields) if (f.writable) live[f.key] = problemOf(f, toApiValue(f, inputs[f.key], currency), others);
  const errors: Record<string, string | undefined> = {};
  for (const f of fields) errors[f.key] = serverErrors[f.key] ?? (showAll || visited.has(f.key) || f.key in edited ? live[f.key] : undefined);

  return {
    fields,
    inputs,
    errors,
    required,
    /** Still loading the fields: a save now would leave their values out. */
    loading: !!businessUnitId && query.isPending,
    loadError: query.error,
    valid: Object.values(live).every((m) => m === undefined),
    /** The values to send; a value left out would be erased, so read-only ones travel back unchanged. */
    payload,
    labelOf: (key: string) => fields.find((f) => f.key === key)?.label,
    change: (key: string, value: unknown) => {
      setEdited((e) => ({ ...e, [key]: value }));
      setServerErrors(({ [key]: _gone, ...rest }) => rest);
    },
    visit: (key: string) => setVisited((s) => (s.has(key) ? s : new Set(s).add(key))),
    /** Places the server's `terms.custom.<key>` problems next to their inputs; returns how many it placed. */
    placeServerProblems: (problems: readonly { field: string; message: string }[]) => {
      const placed: Record<string, string> = {};
      for (const p of problems) {
        const key = /^terms\.custom\.([a-z0-9_]+)/.exec(p.field)?.[1];
        const label = key && fields.find((f) => f.key === key)?.label;
        if (key && label) placed[key] ??= withoutLabel(label, p.message);
      }
      setServerErrors(placed);
      return Object.keys(placed).length;
    },
  };
}
export type CustomValuesState = ReturnType<typeof useCustomValues>;
