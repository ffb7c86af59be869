import { Paper, Stack, Title } from '@mantine/core';
import { FieldList } from '../../../components/field-list';
import { t } from '../../../i18n/t';
import '../messages.en';
import { formatCustomValue } from '../../../lib/custom-values';
import { useNameLookup, useUsers } from '../../../lib/directory';
import { groupBySection } from '../../../lib/offer-form';
import type { Offer } from '../api/offer';

/**
 * The organisation's own fields on the offer, by section in layout order, each under its label:
 * option labels for selects, money in the offer's currency, Yes / No. A field left empty shows "Not set", like the built-in fields.
 */
export function CustomValuesView({ fields, values, currency }: { fields: NonNullable<Offer['customFields']>; values: Record<string, unknown>; currency: string }) {
  const userName = useNameLookup(useUsers().data);
  if (fields.length === 0) return null;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="custom-values-title" data-testid="custom-values">
      <Title order={2} size="h4" mb="sm" id="custom-values-title">
        {t('detail.section.custom')}
      </Title>
      <Stack gap="md">
        {groupBySection(fields).map((g) => (
          <section key={g.section} aria-label={g.section}>
            <Title order={3} size="h6" mb={6} c="gray.8">
              {g.section}
            </Title>
            <FieldList items={g.fields.map((f) => ({ label: f.label, value: formatCustomValue(f, values[f.key], currency, userName) }))} />
          </section>
        ))}
      </Stack>
    </Paper>
  );
}
