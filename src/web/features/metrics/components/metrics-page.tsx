import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { t } from '../../../i18n/t';
import '../messages.en';
import { MetricsFilterBar } from './metrics-filters';
import { metricsFiltersFromParams, metricsFiltersToParams, type MetricsFilters } from './metrics-query';
import { ExceptionsCard, FallThroughCard, OutcomesCard, RevisionsCard } from './outcome-cards';
import { ApprovalsCard, ApprovalToSendCard, CycleTimeCard } from './time-cards';

export function MetricsPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => metricsFiltersFromParams(params), [params]);
  // "Last 90 days" counts back from today: read the date once per visit so every chart asks for the same period.
  const now = useMemo(() => new Date(), []);
  const update = useCallback((patch: Partial<MetricsFilters>) => setParams(metricsFiltersToParams({ ...filters, ...patch }), { replace: true }), [filters, setParams]);
  const clear = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);
  const cards = { filters, now };

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          {t('metrics.title')}
        </Title>
        <Text c="gray.7" size="sm" mt={4}>
          {t('metrics.intro')}
        </Text>
      </div>
      <Paper withBorder p="md" radius="md" component="section" aria-label={t('metrics.filters')}>
        <MetricsFilterBar filters={filters} onChange={update} onClear={clear} />
      </Paper>
      <Stack gap="md" data-testid="metrics-charts">
        <CycleTimeCard {...cards} />
        <ApprovalsCard {...cards} />
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          <OutcomesCard {...cards} />
          <ExceptionsCard {...cards} />
          <FallThroughCard {...cards} />
          <RevisionsCard {...cards} />
          <ApprovalToSendCard {...cards} />
        </SimpleGrid>
      </Stack>
    </Stack>
  );
}
