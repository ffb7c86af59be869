import { useState } from 'react';
import { CustomFieldInput } from '../../../components/custom-fields/custom-field-input';
import { t } from '../../../i18n/t';
import '../messages.en';
import { toApiValue, toInputValue } from '../../../lib/custom-values';
import type { FormField } from '../../../lib/offer-form';
import type { FieldDraft } from './field-draft';

/**
 * The value a new offer's field starts at, typed with the same control the intake form shows for
 * this type (money in dollars, a select from the choices above). User references have none: a
 * person differs from offer to offer.
 */
export function DefaultValueInput({ draft, onChange, error }: { draft: FieldDraft; onChange: (value: unknown) => void; error?: string }) {
  const field: FormField = {
    key: `${draft.key || 'field'}_default`,
    version: 0,
    label: t('fields.default'),
    helpText: t('fields.defaultHelp'),
    type: draft.type,
    section: draft.section,
    order: 0,
    validation: { required: false },
    options: draft.options.filter((o) => o.value.trim()).map((o) => ({ value: o.value.trim(), label: o.label.trim() || o.value.trim() })),
    sensitive: draft.sensitive,
    writable: true,
  };
  const [input, setInput] = useState(() => toInputValue(field, draft.default));
  if (draft.type === 'user_reference') return null;
  return (
    <CustomFieldInput
      field={field}
      value={input}
      error={error}
      onChange={(value) => {
        setInput(value);
        onChange(toApiValue(field, value));
      }}
    />
  );
}
