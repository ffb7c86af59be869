import { Alert, Anchor, Box, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useId, useState, type ReactNode } from 'react';
import { t } from '../../../i18n/t';
import '../messages.en';

interface Props {
  title: string;
  description: string;
  csvHref: string;
  state: { isPending: boolean; isError: boolean; isFetching: boolean; refetch: () => unknown };
  /** No numbers to draw (nothing in the period). */
  empty: boolean;
  /** The headline numbers in a sentence, with units. */
  summary?: ReactNode;
  /** Switches above the chart (e.g. group by). */
  controls?: ReactNode;
  /** A sentence for screen readers that says what the chart shows, value by value. */
  chartDescription: string;
  chart: ReactNode;
  table: ReactNode;
}

/** One metric: title, what it counts, the headline numbers, the chart or its table, and the CSV of the same numbers. */
export function MetricCard({ title, description, csvHref, state, empty, summary, controls, chartDescription, chart, table }: Props) {
  const [asTable, setAsTable] = useState(false);
  const titleId = useId();
  const descId = useId();
  const chartDescId = useId();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={titleId} aria-describedby={descId} aria-busy={state.isFetching}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <div>
            <Title order={2} size="h4" id={titleId}>
              {title}
            </Title>
            <Text size="sm" c="gray.7" id={descId}>
              {description}
            </Text>
          </div>
          <Group gap="xs" wrap="nowrap">
            {state.isFetching && <Loader size="xs" aria-label={t('app.loading')} />}
            <Button size="compact-sm" variant={asTable ? 'filled' : 'default'} aria-pressed={asTable} onClick={() => setAsTable((v) => !v)} disabled={empty}>
              {t('metrics.showTable')}
            </Button>
            <Anchor href={csvHref} download size="sm" aria-label={t('metrics.downloadOf', { title })} style={{ whiteSpace: 'nowrap' }}>
              {t('metrics.download')}
            </Anchor>
          </Group>
        </Group>
        {state.isPending ? (
          <Group justify="center" py="xl">
            <Loader size="sm" aria-label={t('app.loading')} />
          </Group>
        ) : state.isError ? (
          <Alert color="red" variant="light" role="alert" title={t('metrics.loadError')}>
            <Button size="xs" variant="white" color="red" onClick={() => void state.refetch()}>
              {t('error.retry')}
            </Button>
          </Alert>
        ) : empty ? (
          <Text size="sm" c="gray.7" py="md" data-testid="metric-empty">
            {t('metrics.noData')}
          </Text>
        ) : (
          <>
            {summary && (
              <Text size="sm" fw={500} data-testid="metric-summary">
                {summary}
              </Text>
            )}
            {controls}
            {asTable ? (
              <Box data-testid="metric-table">{table}</Box>
            ) : (
              <Box component="figure" m={0} aria-labelledby={titleId} aria-describedby={chartDescId} data-testid="metric-chart">
                {chart}
                <Text component="figcaption" id={chartDescId} size="xs" c="gray.7" mt="xs">
                  {chartDescription}
                </Text>
              </Box>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
