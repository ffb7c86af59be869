import { Button, Grid, Group, Select, TextInput } from '@mantine/core';
import { t, type MessageKey } from '../../../i18n/t';
import '../messages.en';
import '../../../i18n/shared.en';
import { OrgScopeSelects } from '../../../components/org-scope-selects';
import { employmentTypeLabel } from '../../../lib/labels';
import { useLevels } from '../api/levels';
import { employmentTypes, hasMetricsFilters, periods, type MetricsFilters, type Period } from './metrics-query';

interface Props {
  filters: MetricsFilters;
  onChange: (patch: Partial<MetricsFilters>) => void;
  onClear: () => void;
}

const periodOptions = periods.map((p) => ({ value: p, label: t(`metrics.period.${p}` as MessageKey) }));
const typeOptions = employmentTypes.map((e) => ({ value: e, label: employmentTypeLabel(e) }));

export function MetricsFilterBar({ filters, onChange, onClear }: Props) {
  const levels = useLevels();
  const levelOptions = [...new Set([...(levels.data ?? []), ...(filters.level ? [filters.level] : [])])];
  const span = { base: 12, xs: 6, md: 4, lg: 2 };

  return (
    <Grid gap="sm" align="flex-end">
      <OrgScopeSelects value={filters} onChange={onChange} span={span} />
      <Grid.Col span={span}>
        <Select
          label={t('metrics.filter.level')}
          placeholder={t('metrics.filter.any')}
          data={levelOptions}
          value={filters.level ?? null}
          onChange={(v) => onChange({ level: v ?? undefined })}
          clearable
          searchable
        />
      </Grid.Col>
      <Grid.Col span={span}>
        <Select
          label={t('metrics.filter.employmentType')}
          placeholder={t('metrics.filter.any')}
          data={typeOptions}
          value={filters.employmentType ?? null}
          onChange={(v) => onChange({ employmentType: v ?? undefined })}
          clearable
        />
      </Grid.Col>
      <Grid.Col span={span}>
        <Select
          label={t('metrics.filter.period')}
          data={periodOptions}
          value={filters.period}
          onChange={(v) => onChange({ period: (v as Period | null) ?? '90' })}
          allowDeselect={false}
        />
      </Grid.Col>
      {filters.period === 'custom' && (
        <>
          <Grid.Col span={{ base: 6, md: 3, lg: 2 }}>
            <TextInput type="date" label={t('metrics.filter.from')} value={filters.from ?? ''} onChange={(e) => onChange({ from: e.currentTarget.value || undefined })} />
          </Grid.Col>
          <Grid.Col span={{ base: 6, md: 3, lg: 2 }}>
            <TextInput type="date" label={t('metrics.filter.to')} value={filters.to ?? ''} onChange={(e) => onChange({ to: e.currentTarget.value || undefined })} />
          </Grid.Col>
        </>
      )}
      {hasMetricsFilters(filters) && (
        <Grid.Col span={12}>
          <Group justify="flex-end">
            <Button variant="subtle" size="compact-sm" onClick={onClear}>
              {t('metrics.filter.clear')}
            </Button>
          </Group>
        </Grid.Col>
      )}
    </Grid>
  );
}
