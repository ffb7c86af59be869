import { BarChart } from '@mantine/charts';
import { Table } from '@mantine/core';
import { t, type MessageKey } from '../../../i18n/t';
import '../messages.en';
import { durationText, numberText, percentText } from './metric-format';
import { durationUnit } from './metrics-query';

export interface DurationRow {
  key: string;
  label: string;
  count: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  sla?: { withDueTime: number; met: number; rate: number | null };
}

/** Median and p90 bars in one unit for the whole chart (minutes, hours or days, whichever reads best). */
/** Bars lie along the time axis with their values written at their ends, so a short stage still reads next to a long one. */
export function DurationBars({ rows }: { rows: DurationRow[] }) {
  const max = Math.max(0, ...rows.map((r) => r.p90Minutes ?? r.medianMinutes ?? 0));
  const unit = durationUnit(max);
  const short = t(`metrics.unitShort.${unit}` as MessageKey);
  const perUnit = unit === 'days' ? 1440 : unit === 'hours' ? 60 : 1;
  // Unrounded, so a 7-minute stage on a chart in days still says "7 min" at its bar.
  const data = rows.map((r) => ({
    label: r.label,
    median: r.medianMinutes === null ? null : r.medianMinutes / perUnit,
    p90: r.p90Minutes === null ? null : r.p90Minutes / perUnit,
  }));
  const axisLabel = t('metrics.axis.time', { unit: t(`metrics.unit.${unit}` as MessageKey) });
  return (
    <BarChart
      h={Math.max(160, rows.length * 60 + 70)}
      data={data}
      dataKey="label"
      orientation="vertical"
      series={[
        { name: 'median', label: t('metrics.series.median'), color: 'blue.7' },
        { name: 'p90', label: t('metrics.series.p90'), color: 'orange.6' },
      ]}
      withLegend
      withBarValueLabel
      valueLabelProps={{ position: 'right', fill: 'var(--mantine-color-gray-8)', fontSize: 12 }}
      valueFormatter={(v) => durationText(v * perUnit)}
      xAxisLabel={axisLabel}
      xAxisProps={{ tickFormatter: (v: number) => `${numberText(v)} ${short}` }}
      yAxisProps={{ width: 170 }}
      barChartProps={{ margin: { right: 64, bottom: 30 } }}
      tickLine="none"
      gridAxis="x"
      tooltipAnimationDuration={150}
    />
  );
}

/** The same numbers as the chart, each with its unit. */
export function DurationTable({ rows, caption, labelHeader }: { rows: DurationRow[]; caption: string; labelHeader: string }) {
  const withSla = rows.some((r) => r.sla);
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table striped verticalSpacing="xs" aria-label={caption}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{labelHeader}</Table.Th>
            <Table.Th scope="col" ta="right">{t('metrics.col.count')}</Table.Th>
            <Table.Th scope="col" ta="right">{t('metrics.col.median')}</Table.Th>
            <Table.Th scope="col" ta="right">{t('metrics.col.p90')}</Table.Th>
            {withSla && <Table.Th scope="col" ta="right">{t('metrics.col.slaMet')}</Table.Th>}
            {withSla && <Table.Th scope="col" ta="right">{t('metrics.col.slaRate')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Th scope="row" fw={500}>{r.label}</Table.Th>
              <Table.Td ta="right">{numberText(r.count)}</Table.Td>
              <Table.Td ta="right">{durationText(r.medianMinutes)}</Table.Td>
              <Table.Td ta="right">{durationText(r.p90Minutes)}</Table.Td>
              {withSla && <Table.Td ta="right">{r.sla ? t('metrics.ofTotal', { part: numberText(r.sla.met), total: numberText(r.sla.withDueTime) }) : t('metrics.none')}</Table.Td>}
              {withSla && <Table.Td ta="right">{percentText(r.sla?.rate)}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** "Draft: median 2 h, 90th percentile 5 h; …" for the chart's description. */
export const describeDurations = (rows: DurationRow[]) =>
  rows.map((r) => `${r.label}: ${t('metrics.col.median').toLowerCase()} ${durationText(r.medianMinutes)}, ${t('metrics.col.p90')} ${durationText(r.p90Minutes)}`).join('; ') + '.';
