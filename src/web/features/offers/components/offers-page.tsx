import { Button, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Link } from 'react-router';
import { PageLoader } from '../../../components/page-loader';
import { ProblemAlert } from '../../../components/problem-alert';
import { t } from '../../../i18n/t';
import '../messages.en';
import { paths } from '../../../lib/paths';
import { ViewsMenu } from '../../../components/saved-views/views-menu';
import { viewColumns } from '../../../lib/saved-views';
import { offerFiltersToView, offersExportHref, useOffersList } from '../api/offers-list';
import { OfferCards } from './offer-cards';
import { OffersFilters } from './offers-filters';
import { OffersTable } from './offers-table';
import { useOfferFilters } from './use-offer-filters';

export function OffersPage({ canCreate }: { canCreate: boolean }) {
  const { filters, update, clear, active, apply } = useOfferFilters();
  const list = useOffersList(filters);
  // Read synchronously so a phone never renders the wide table first.
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const offers = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center">
        <Title order={1} size="h2">
          {t('offers.title')}
        </Title>
        <Group gap="sm">
          <ViewsMenu page="offers" filters={offerFiltersToView(filters)} columns={viewColumns('offers', filters.columns)} onApply={apply} />
          <Button component="a" variant="default" href={offersExportHref(filters)} download title={t('offers.exportTitle')}>
            {t('offers.export')}
          </Button>
          {canCreate && (
            <Button component={Link} to={paths.newOffer()}>
              {t('offers.new')}
            </Button>
          )}
        </Group>
      </Group>

      <Paper withBorder p="md" radius="md" component="section" aria-label={t('offers.filters')}>
        <OffersFilters filters={filters} onChange={update} onClear={clear} active={active} />
      </Paper>

      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : offers.length === 0 ? (
        <Paper withBorder p="xl" radius="md">
          <Center>
            <Text c="gray.7">{active ? t('offers.empty') : t('offers.emptyNone')}</Text>
          </Center>
        </Paper>
      ) : (
        <Stack gap="md" aria-busy={list.isFetching}>
          {wide ? <OffersTable offers={offers} sort={filters.sort} columns={filters.columns} /> : <OfferCards offers={offers} columns={filters.columns} />}
          <Group justify="space-between">
            <Text size="sm" c="gray.7" role="status">
              {list.hasNextPage ? t('offers.countMore', { count: offers.length }) : t('offers.count', { count: offers.length })}
            </Text>
            {list.hasNextPage && (
              <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                {t('offers.loadMore')}
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
