import { Button, Grid, Group, Select, SegmentedControl, Stack, Text } from '@mantine/core';
import { t, type MessageKey } from '../../../i18n/t';
import '../messages.en';
import { OrgScopeSelects } from '../../../components/org-scope-selects';
import { CustomColumnsPicker, CustomFilterControl } from '../../../components/custom-query/custom-filters';
import { boardSorts, boardViews, hasNarrowingFilters, slaStates, type BoardFilters, type BoardSort, type BoardView, type SlaState } from './board-query';

interface Props {
  filters: BoardFilters;
  onChange: (patch: Partial<BoardFilters>) => void;
  onClear: () => void;
}

const viewOptions = boardViews.map((v) => ({ value: v, label: t(`board.view.${v}` as MessageKey) }));
const sortOptions = boardSorts.map((s) => ({ value: s, label: t(`board.sort.${s}` as MessageKey) }));
const slaOptions = slaStates.map((s) => ({ value: s, label: t(`board.sla.${s}` as MessageKey) }));

export function BoardFilterBar({ filters, onChange, onClear }: Props) {
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" gap="sm">
        <div>
          <Text size="sm" fw={500} mb={4} id="board-view-label">
            {t('board.view')}
          </Text>
          <SegmentedControl
            aria-labelledby="board-view-label"
            data={viewOptions}
            value={filters.view}
            onChange={(v) => onChange({ view: v as BoardView })}
          />
        </div>
        <Select
          label={t('board.sort')}
          data={sortOptions}
          value={filters.sort}
          onChange={(v) => onChange({ sort: (v as BoardSort | null) ?? 'oldest' })}
          allowDeselect={false}
          w={230}
        />
      </Group>
      <Grid gap="sm" align="flex-end">
        <OrgScopeSelects value={filters} onChange={onChange} span={{ base: 12, sm: 6, lg: 3 }} />
        <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
          <Select
            label={t('board.filter.sla')}
            placeholder={t('board.filter.any')}
            data={slaOptions}
            value={filters.sla ?? null}
            onChange={(v) => onChange({ sla: (v as SlaState | null) ?? undefined })}
            clearable
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <CustomColumnsPicker value={filters.columns} onChange={(columns) => onChange({ columns })} />
        </Grid.Col>
      </Grid>
      <CustomFilterControl value={filters.custom} onChange={(custom) => onChange({ custom })} />
      {hasNarrowingFilters(filters) && (
        <Group justify="flex-end">
          <Button variant="subtle" size="compact-sm" onClick={onClear}>
            {t('board.filter.clear')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
