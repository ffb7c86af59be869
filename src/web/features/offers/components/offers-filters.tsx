import { Button, Grid, Group, MultiSelect, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { offerStatuses } from '../../../../core/lifecycle';
import { t, type MessageKey } from '../../../i18n/t';
import { useBusinessUnits, useDepartments } from '../../../lib/directory';
import { statusLabel } from '../../../lib/labels';
import { offerSorts, type OfferFilters, type OfferSort } from '../api/offers-list';

interface Props {
  filters: OfferFilters;
  onChange: (patch: Partial<OfferFilters>) => void;
  onClear: () => void;
  active: boolean;
}

const SEARCH_DEBOUNCE_MS = 300;
const statusOptions = offerStatuses.map((s) => ({ value: s, label: statusLabel(s) }));
const sortOptions = offerSorts.map((s) => ({ value: s, label: t(`offers.sort.${s}` as MessageKey) }));

export function OffersFilters({ filters, onChange, onClear, active }: Props) {
  const units = useBusinessUnits();
  const departments = useDepartments();
  const [search, setSearch] = useState(filters.q ?? '');
  const [debounced] = useDebouncedValue(search, SEARCH_DEBOUNCE_MS);

  useEffect(() => {
    const q = debounced.trim() || undefined;
    if (q !== filters.q) onChange({ q });
    // Only a settled search string should trigger a request; filters.q is read, not watched.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  useEffect(() => {
    // The address bar changed under us (back button, "Clear filters"): follow it.
    if ((filters.q ?? '') !== debounced.trim()) setSearch(filters.q ?? '');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filters.q]);

  const departmentOptions = (departments.data ?? [])
    .filter((d) => !filters.businessUnitId || d.businessUnitId === filters.businessUnitId)
    .map((d) => ({ value: d.id, label: d.name }));

  return (
    <Grid gap="sm" align="flex-end">
      <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
        <TextInput
          type="search"
          label={t('offers.filter.search')}
          placeholder={t('offers.filter.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
        <MultiSelect
          label={t('offers.filter.status')}
          placeholder={filters.status.length ? undefined : t('offers.filter.statusPlaceholder')}
          data={statusOptions}
          value={filters.status}
          onChange={(status) => onChange({ status })}
          clearable
          searchable
          hidePickedOptions
          maxDropdownHeight={280}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, xs: 6, lg: 2 }}>
        <Select
          label={t('offers.filter.businessUnit')}
          placeholder={t('offers.filter.any')}
          data={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          value={filters.businessUnitId ?? null}
          onChange={(v) => onChange({ businessUnitId: v ?? undefined, departmentId: undefined })}
          clearable
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, xs: 6, lg: 2 }}>
        <Select
          label={t('offers.filter.department')}
          placeholder={t('offers.filter.any')}
          data={departmentOptions}
          value={filters.departmentId ?? null}
          onChange={(v) => onChange({ departmentId: v ?? undefined })}
          clearable
          searchable
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 2 }}>
        <Select
          label={t('offers.sort')}
          data={sortOptions}
          value={filters.sort}
          onChange={(v) => onChange({ sort: (v as OfferSort | null) ?? '-updatedAt' })}
          allowDeselect={false}
        />
      </Grid.Col>
      {active && (
        <Grid.Col span={12}>
          <Group justify="flex-end">
            <Button variant="subtle" size="compact-sm" onClick={onClear}>
              {t('offers.filter.clear')}
            </Button>
          </Group>
        </Grid.Col>
      )}
    </Grid>
  );
}
