import type { ComponentProps } from 'react';
import { Checkbox, MultiSelect, NumberInput, Select, Textarea, TextInput } from '@mantine/core';
import { t } from '../../i18n/t';
import '../../i18n/custom-fields.en';
import { useUsers } from '../../lib/directory';
import { currencySymbol } from '../../lib/format';
import type { FormField } from '../../lib/offer-form';

export interface CustomFieldInputProps {
  field: FormField;
  /** What the input holds (money in major units, see lib/custom-values.ts). */
  value: unknown;
  onChange: (value: unknown) => void;
  onBlur?: () => void;
  error?: string;
  /** Required now: always, or because its required-when condition holds. */
  required?: boolean;
  currency?: string;
}

/**
 * One custom field as a form input, the control chosen by its type. A field the role may read but
 * not write is shown disabled, saying so; the server refuses a change to it anyway.
 */
export function CustomFieldInput({ field, value, onChange, onBlur, error, required, currency = 'USD' }: CustomFieldInputProps) {
  const readOnly = !field.writable;
  const description = [field.helpText, readOnly ? t('customField.readOnly') : undefined].filter(Boolean).join(' · ') || undefined;
  const common = { label: field.label, description, error, required, disabled: readOnly, onBlur, 'data-custom-field': field.key };
  const options = (field.options ?? []).map((o) => ({ value: o.value, label: o.label }));
  const { min, max } = field.validation;

  switch (field.type) {
    case 'long_text':
      return <Textarea {...common} value={(value as string) ?? ''} onChange={(e) => onChange(e.currentTarget.value)} autosize minRows={2} maxRows={8} maxLength={typeof max === 'number' ? max : 5000} />;
    case 'number':
      return <NumberInput {...common} value={(value as number | string) ?? ''} onChange={onChange} min={typeof min === 'number' ? min : undefined} max={typeof max === 'number' ? max : undefined} thousandSeparator="," hideControls />;
    case 'money':
      return <NumberInput {...common} value={(value as number | string) ?? ''} onChange={onChange} prefix={currencySymbol(currency)} thousandSeparator="," decimalScale={2} min={0} allowNegative={false} hideControls />;
    case 'date':
      return <TextInput {...common} type="date" value={(value as string) ?? ''} onChange={(e) => onChange(e.currentTarget.value)} min={typeof min === 'string' ? min : undefined} max={typeof max === 'string' ? max : undefined} />;
    case 'boolean':
      return <Checkbox {...common} mt={{ base: 0, sm: 'lg' }} checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} />;
    case 'single_select':
      return <Select {...common} data={options} value={(value as string) ?? null} onChange={(v) => onChange(v ?? undefined)} clearable={!required} placeholder={t('customField.choose')} searchable={options.length > 8} />;
    case 'multi_select':
      return <MultiSelect {...common} data={options} value={(value as string[]) ?? []} onChange={onChange} clearable placeholder={t('customField.choose')} />;
    case 'user_reference':
      return <UserPicker {...common} value={(value as string) ?? null} onChange={(v) => onChange(v ?? undefined)} clearable={!required} />;
    default:
      return <TextInput {...common} value={(value as string) ?? ''} onChange={(e) => onChange(e.currentTarget.value)} maxLength={typeof max === 'number' ? max : 200} />;
  }
}

function UserPicker(props: Omit<ComponentProps<typeof Select>, 'data'>) {
  const users = useUsers();
  return <Select {...props} data={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))} searchable placeholder={t('customField.choose')} />;
}
