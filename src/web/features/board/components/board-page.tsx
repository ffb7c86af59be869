import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { PageLoader } from '../../../components/page-loader';
import { ProblemAlert } from '../../../components/problem-alert';
import { locale, t } from '../../../i18n/t';
import '../messages.en';
import { useBoard } from '../api/board';
import { BoardFilterBar } from './board-filters';
import { boardFiltersFromView, boardFiltersToView, hasNarrowingFilters, type BoardFilters } from './board-query';
import { BoardTable } from './board-table';
import { StagePicker } from './stage-picker';
import { useBoardFilters } from './use-board-filters';
import { ViewsMenu } from '../../../components/saved-views/views-menu';
import { viewColumns } from '../../../lib/saved-views';

const clock = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });

function emptyText(filters: BoardFilters): string {
  if (hasNarrowingFilters(filters)) return t('board.empty.filtered');
  if (filters.view === 'mine') return t('board.empty.mine');
  if (filters.view === 'waiting_on_me') return t('board.empty.waitingOnMe');
  return t('board.empty.all');
}

export function BoardPage() {
  const { filters, update, clear, apply } = useBoardFilters();
  const board = useBoard(filters);
  const pages = board.data?.pages ?? [];
  const items = pages.flatMap((p) => p.items);
  const counts = pages[0]?.counts;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            {t('board.title')}
          </Title>
          <Text c="gray.7" size="sm" mt={4}>
            {t('board.intro')}
          </Text>
        </div>
        <Group gap="md" align="center">
          {board.dataUpdatedAt > 0 && (
            <Text size="sm" c="gray.7" data-testid="board-updated">
              {board.isFetching && !board.isFetchingNextPage ? t('board.refreshing') : t('board.updated', { time: clock.format(board.dataUpdatedAt) })}
            </Text>
          )}
          <ViewsMenu
            page="board"
            filters={boardFiltersToView(filters)}
            columns={viewColumns('board', filters.columns)}
            onApply={(view) => apply(boardFiltersFromView(view.filters, view.columns))}
          />
        </Group>
      </Group>

      <Paper withBorder p="md" radius="md" component="section" aria-label={t('board.filters')}>
        <BoardFilterBar filters={filters} onChange={update} onClear={clear} />
      </Paper>

      <StagePicker stage={filters.stage} byStage={counts?.byStage} onChange={(stage) => update({ stage })} />

      {board.isPending ? (
        <PageLoader />
      ) : board.isError && items.length === 0 ? (
        <ProblemAlert error={board.error} onRetry={() => void board.refetch()} />
      ) : items.length === 0 ? (
        <Paper withBorder p="xl" radius="md">
          <Text c="gray.7" ta="center" data-testid="board-empty">
            {emptyText(filters)}
          </Text>
        </Paper>
      ) : (
        <Stack gap="md">
          <BoardTable items={items} sort={filters.sort} columns={filters.columns} />
          <Group justify="space-between">
            <Text size="sm" c="gray.7">
              {t('board.count', { shown: items.length, total: counts?.total ?? items.length })}
            </Text>
            {board.hasNextPage && (
              <Button variant="default" onClick={() => void board.fetchNextPage()} loading={board.isFetchingNextPage}>
                {t('board.loadMore')}
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
