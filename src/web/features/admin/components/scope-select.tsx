import { Select } from '@mantine/core';
import { t } from '../../../i18n/t';
import '../messages.en';
import { useBusinessUnits } from '../../../lib/directory';

const ORG_WIDE = '';

/** The scope of a role grant: the whole organisation (null) or one business unit. */
export function ScopeSelect({ value, onChange, error }: { value: string | null; onChange: (v: string | null) => void; error?: string }) {
  const units = useBusinessUnits().data ?? [];
  return (
    <Select
      label={t('admin.scope')}
      data={[{ value: ORG_WIDE, label: t('admin.scopeOrganisation') }, ...units.map((u) => ({ value: u.id, label: u.name }))]}
      value={value ?? ORG_WIDE}
      onChange={(v) => onChange(v ? v : null)}
      allowDeselect={false}
      error={error}
    />
  );
}
