import { Checkbox, Group, Radio, Select, SimpleGrid, TextInput } from '@mantine/core';
import { usStateCodes } from '../../../../core/us-states';
import { employmentTypes, flsaStatuses } from '../../../../flow/intake/offer-terms.schema';
import { t } from '../../../i18n/t';
import '../messages.en';
import '../../../i18n/shared.en';
import { useBusinessUnits, useDepartments, useUsers } from '../../../lib/directory';
import { employmentTypeLabel, flsaLabel, usStateLabel } from '../../../lib/labels';
import type { IntakeFieldProps } from './field-props';

const employmentOptions = employmentTypes.map((v) => ({ value: v, label: employmentTypeLabel(v) }));
const stateOptions = usStateCodes.map((code) => ({ value: code, label: t('intake.stateOption', { name: usStateLabel(code), code }) }));

export function RoleFields({ field, onFlsaChange }: { field: IntakeFieldProps; onFlsaChange: (value: string) => void }) {
  const units = useBusinessUnits();
  const departments = useDepartments();
  const users = useUsers();
  const departmentGroups = (units.data ?? [])
    .map((u) => ({
      group: u.name,
      items: (departments.data ?? []).filter((d) => d.businessUnitId === u.id).map((d) => ({ value: d.id, label: d.name })),
    }))
    .filter((g) => g.items.length > 0);
  const flsa = field('flsaStatus');

  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <TextInput {...field('title')} label={t('field.title')} required maxLength={200} />
      <TextInput {...field('level')} label={t('field.level')} required maxLength={40} />
      <Select {...field('departmentId', { select: true })} label={t('field.departmentId')} data={departmentGroups} searchable openOnFocus={false} required placeholder={t('intake.selectPlaceholder')} />
      <Select
        {...field('managerId', { select: true })}
        label={t('field.managerId')}
        data={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
        searchable
        openOnFocus={false}
        clearable
        placeholder={t('intake.selectPlaceholder')}
      />
      <Select {...field('employmentType', { select: true })} label={t('field.employmentType')} data={employmentOptions} required allowDeselect={false} />
      <Radio.Group
        {...flsa}
        onChange={(v) => {
          flsa.onChange(v);
          onFlsaChange(v);
        }}
        label={t('field.flsaStatus')}
        required
      >
        <Group mt={6} gap="lg">
          {flsaStatuses.map((s) => (
            <Radio key={s} value={s} label={flsaLabel(s)} />
          ))}
        </Group>
      </Radio.Group>
    </SimpleGrid>
  );
}

export function LocationFields({ field }: { field: IntakeFieldProps }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
      <TextInput {...field('city')} label={t('field.location.city')} required maxLength={100} />
      <Select {...field('state', { select: true })} label={t('field.location.state')} data={stateOptions} searchable openOnFocus={false} required placeholder={t('intake.selectPlaceholder')} />
      <Checkbox {...field('remote', { type: 'checkbox' })} label={t('field.location.remote')} mt={{ base: 0, sm: 30 }} />
    </SimpleGrid>
  );
}
