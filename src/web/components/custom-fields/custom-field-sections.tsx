import { Fieldset, SimpleGrid } from '@mantine/core';
import { groupBySection, type FormField } from '../../lib/offer-form';
import { CustomFieldInput } from './custom-field-input';

interface Props {
  fields: readonly FormField[];
  values: Readonly<Record<string, unknown>>;
  onChange: (key: string, value: unknown) => void;
  onBlur?: (key: string) => void;
  errors?: Readonly<Record<string, string | undefined>>;
  required?: (field: FormField) => boolean;
  currency?: string;
}

/**
 * The custom fields of the intake form, one fieldset per section in layout order: what a recruiter
 * fills in, and what an admin previews as one role sees it.
 */
export function CustomFieldSections({ fields, values, onChange, onBlur, errors = {}, required = (f) => f.validation.required, currency }: Props) {
  return (
    <>
      {groupBySection(fields).map((group) => (
        <Fieldset
          key={group.section}
          legend={group.section}
          radius="md"
          data-custom-section={group.section}
          styles={{ legend: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            {group.fields.map((f) => (
              <CustomFieldInput
                key={f.key}
                field={f}
                value={values[f.key]}
                onChange={(v) => onChange(f.key, v)}
                onBlur={onBlur ? () => onBlur(f.key) : undefined}
                error={errors[f.key]}
                required={required(f)}
                currency={currency}
              />
            ))}
          </SimpleGrid>
        </Fieldset>
      ))}
    </>
  );
}
