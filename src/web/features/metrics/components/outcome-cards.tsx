import { SimpleGrid, Stack, Text } from '@mantine/core';
import { t, tOr } from '../../../i18n/t';
import '../messages.en';
import '../../../i18n/shared.en';
import { humanize, statusLabel } from '../../../lib/labels';
import { useMetric } from '../api/metrics';
import { CountBars, CountTable, describeCounts, type CountRow } from './count-bars';
import { MetricCard } from './metric-card';
import { numberText, percentText, offersText } from './metric-format';
import { csvHref, type MetricsFilters } from './metrics-query';

interface CardProps {
  filters: MetricsFilters;
  now: Date;
}

const declineLabel = (reason: string | null) => (reason === null ? t('metrics.outcomes.noReason') : tOr(`metrics.declineReason.${reason}`, humanize(reason)));

export function OutcomesCard({ filters, now }: CardProps) {
  const q = useMetric('outcomes', filters, now);
  const title = t('metrics.outcomes.title');
  const d = q.data;
  const statusRows: CountRow[] = (d?.byStatus ?? []).map((s) => ({ key: s.status, label: statusLabel(s.status), count: s.count, rate: s.rate }));
  const reasonRows: CountRow[] = (d?.declineReasons ?? []).map((r) => ({ key: r.reason ?? '', label: declineLabel(r.reason), count: r.count }));
  const caption = t('metrics.tableOf', { title });
  return (
    <MetricCard
      title={title}
      description={t('metrics.outcomes.description')}
      csvHref={csvHref('outcomes', filters, now)}
      state={q}
      empty={!d || d.outcomes === 0}
      summary={d && t('metrics.outcomes.rate', { accepted: numberText(d.accepted), outcomes: numberText(d.outcomes), rate: percentText(d.acceptanceRate) })}
      chartDescription={`${t('metrics.outcomes.byStatus')}: ${describeCounts(statusRows)} ${t('metrics.outcomes.reasons')}: ${reasonRows.length ? describeCounts(reasonRows) : t('metrics.outcomes.noDeclines')}`}
      chart={
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Stack gap={4}>
            <Text size="sm" fw={600}>{t('metrics.outcomes.byStatus')}</Text>
            <CountBars rows={statusRows} color="teal.7" h={220} />
          </Stack>
          <Stack gap={4}>
            <Text size="sm" fw={600}>{t('metrics.outcomes.reasons')}</Text>
            {reasonRows.length ? <CountBars rows={reasonRows} color="red.7" h={Math.max(160, reasonRows.length * 36 + 60)} vertical /> : <Text size="sm" c="gray.7">{t('metrics.outcomes.noDeclines')}</Text>}
          </Stack>
        </SimpleGrid>
      }
      table={
        <Stack gap="sm">
          <CountTable rows={statusRows} caption={`${caption} (${t('metrics.outcomes.byStatus')})`} labelHeader={t('metrics.outcomes.outcome')} />
          {reasonRows.length > 0 && <CountTable rows={reasonRows} caption={`${caption} (${t('metrics.outcomes.reasons')})`} labelHeader={t('metrics.outcomes.reason')} withRate={false} />}
        </Stack>
      }
    />
  );
}

export function ExceptionsCard({ filters, now }: CardProps) {
  const q = useMetric('exceptions', filters, now);
  const title = t('metrics.exceptions.title');
  const d = q.data;
  const rows: CountRow[] = (d?.byReason ?? []).map((r) => ({ key: r.reason, label: tOr(`metrics.exceptions.reason.${r.reason}`, humanize(r.reason)), count: r.count, rate: r.rate }));
  return (
    <MetricCard
      title={title}
      description={t('metrics.exceptions.description')}
      csvHref={csvHref('exceptions', filters, now)}
      state={q}
      empty={!d || d.submitted === 0}
      summary={d && t('metrics.exceptions.rate', { count: numberText(d.withException), submitted: numberText(d.submitted), rate: percentText(d.rate) })}
      chartDescription={describeCounts(rows, true)}
      chart={<CountBars rows={rows} asPercent color="orange.7" />}
      table={<CountTable rows={rows} caption={t('metrics.tableOf', { title })} labelHeader={t('metrics.exceptions.reason')} />}
    />
  );
}

export function FallThroughCard({ filters, now }: CardProps) {
  const q = useMetric('fall-through', filters, now);
  const title = t('metrics.fall.title');
  const d = q.data;
  const total = d?.verballyAccepted ?? 0;
  const share = (n: number) => (total ? n / total : null);
  const rows: CountRow[] = d
    ? [
        { key: 'fell_through', label: t('metrics.fall.fellThrough'), count: d.fellThrough, rate: share(d.fellThrough) },
        { key: 'accepted', label: t('metrics.fall.accepted'), count: d.accepted, rate: share(d.accepted) },
        { key: 'open', label: t('metrics.fall.open'), count: d.open, rate: share(d.open) },
      ]
    : [];
  return (
    <MetricCard
      title={title}
      description={t('metrics.fall.description')}
      csvHref={csvHref('fall-through', filters, now)}
      state={q}
      empty={total === 0}
      summary={d && (d.rate === null ? t('metrics.fall.rateNone') : t('metrics.fall.rate', { fell: numberText(d.fellThrough), decided: numberText(d.fellThrough + d.accepted), rate: percentText(d.rate) }))}
      chartDescription={describeCounts(rows)}
      chart={<CountBars rows={rows} color="grape.7" />}
      table={<CountTable rows={rows} caption={t('metrics.tableOf', { title })} labelHeader={t('metrics.fall.group')} />}
    />
  );
}

export function RevisionsCard({ filters, now }: CardProps) {
  const q = useMetric('revisions', filters, now);
  const title = t('metrics.revisions.title');
  const d = q.data;
  const rows: CountRow[] = (d?.distribution ?? []).map((b) => ({ key: b.revisions, label: t('metrics.revisions.bucketLabel', { n: b.revisions }), count: b.count, rate: b.rate }));
  return (
    <MetricCard
      title={title}
      description={t('metrics.revisions.description')}
      csvHref={csvHref('revisions', filters, now)}
      state={q}
      empty={!d || d.offers === 0}
      summary={d && t('metrics.revisions.average', { average: d.averageRevisions === null ? t('metrics.none') : numberText(d.averageRevisions), offers: offersText(d.offers) })}
      chartDescription={describeCounts(rows)}
      chart={<CountBars rows={rows} color="indigo.7" />}
      table={<CountTable rows={rows} caption={t('metrics.tableOf', { title })} labelHeader={t('metrics.revisions.bucket')} />}
    />
  );
}
