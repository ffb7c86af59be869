import { Button, Grid, Group, MultiSelect, Select, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { offerStatuses } from '../../../../core/lifecycle';
import { t, type MessageKey } from '../../../i18n/t';
import '../messages.en';
import { CustomColumnsPicker, CustomFilterControl } from '../../../components/custom-query/custom-filters';
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
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const [moreOpen, { toggle: toggleMore }] = useDisclosure(false);
  const moreActive = filters.status.length > 0 || !!filters.businessUnitId || !!filters.departmentId || filters.sort !== '-updatedAt' || !!filters.custom;

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

  const searchInput = (
    <TextInput
      type="search"
      label={t('offers.filter.search')}
      placeholder={t('offers.filter.searchPlaceholder')}
      value={search}
      onChange={(e) => setSearch(e.currentTarget.value)}
    />
  );
  const statusInput = (
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
  );
  const unitInput = (
    <Select
      label={t('offers.filter.businessUnit')}
      placeholder={t('offers.filter.any')}
      data={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
      value={filters.businessUnitId ?? null}
      onChange={(v) => onChange({ businessUnitId: v ?? undefined, departmentId: undefined })}
      clearable
    />
  );
  const departmentInput = (
    <Select
      label={t('offers.filter.department')}
      placeholder={t('offers.filter.any')}
      data={departmentOptions}
      value={filters.departmentId ?? null}
      onChange={(v) => onChange({ departmentId: v ?? undefined })}
      clearable
      searchable
    />
  );
  const sortInput = (
    <Select
      label={t('offers.sort')}
      data={sortOptions}
      value={filters.sort}
      onChange={(v) => onChange({ sort: (v as OfferSort | null) ?? '-updatedAt' })}
      allowDeselect={false}
    />
  );
  const customFilters = <CustomFilterControl value={filters.custom} onChange={(custom) => onChange({ custom })} />;
  const columnsInput = <CustomColumnsPicker value={filters.columns} onChange={(columns) => onChange({ columns })} />;
  const clearButton = active && (
    <Group justify="flex-end">
      <Button variant="subtle" size="compact-sm" onClick={onClear}>
        {t('offers.filter.clear')}
      </Button>
    </Group>
  );

  if (!wide) {
    // On a phone four pickers would push the offers off the first screen, so they fold away.
    return (
      <Stack gap="sm">
        {searchInput}
        <Button variant="default" onClick={toggleMore} aria-expanded={moreOpen} aria-controls="offer-filters-more">
          {moreActive ? t('offers.filtersActive') : t('offers.filtersToggle')}
        </Button>
        {moreOpen && (
          <Stack gap="sm" id="offer-filters-more">
            {statusInput}
            {unitInput}
            {departmentInput}
            {sortInput}
            {customFilters}
          </Stack>
        )}
        {clearButton}
      </Stack>
    );
  }

  return (
    <Grid gap="sm" align="flex-end">
      <Grid.Col span={{ base: 12, md: 6, lg: 3 }}>{searchInput}</Grid.Col>
      <Grid.Col span={{ base: 12, md: 6, lg: 3 }}>{statusInput}</Grid.Col>
      <Grid.Col span={{ base: 4, lg: 2 }}>{unitInput}</Grid.Col>
      <Grid.Col span={{ base: 4, lg: 2 }}>{departmentInput}</Grid.Col>
      <Grid.Col span={{ base: 4, lg: 2 }}>{sortInput}</Grid.Col>
      <Grid.Col span={{ base: 12, lg: 8 }}>{customFilters}</Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }}>{columnsInput}</Grid.Col>
      {clearButton && <Grid.Col span={12}>{clearButton}</Grid.Col>}
    </Grid>
  );
}
