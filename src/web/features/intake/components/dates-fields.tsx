import { Checkbox, Group, SimpleGrid, TextInput } from '@mantine/core';
import { addDays } from '../../../../core/dates';
import { contingencyKinds } from '../../../../flow/intake/offer-terms.schema';
import { t } from '../../../i18n/t';
import '../messages.en';
import '../../../i18n/shared.en';
import { todayIso } from '../../../lib/format';
import { contingencyLabel } from '../../../lib/labels';
import type { IntakeFieldProps } from './field-props';

export function DatesFields({ field }: { field: IntakeFieldProps }) {
  const today = todayIso();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <TextInput {...field('startDate')} type="date" label={t('field.startDate')} min={addDays(today, 1)} required />
      <TextInput {...field('expiresOn')} type="date" label={t('field.expiresOn')} min={today} />
    </SimpleGrid>
  );
}

export function ContingencyFields({ field }: { field: IntakeFieldProps }) {
  return (
    // The section's legend already names this group; a second "Contingencies" label would repeat it.
    <Checkbox.Group {...field('contingencies')} description={t('intake.contingenciesHint')}>
      <Group mt="xs" gap="lg">
        {contingencyKinds.map((k) => (
          <Checkbox key={k} value={k} label={contingencyLabel(k)} />
        ))}
      </Group>
    </Checkbox.Group>
  );
}
