import { BarChart } from '@mantine/charts';
import { Table } from '@mantine/core';
import { t } from '../../../i18n/t';
import '../messages.en';
import { numberText, percentText } from './metric-format';

export interface CountRow {
  key: string;
  label: string;
  count: number;
  rate?: number | null;
}

/** Counts (offers) per group, or shares in percent when `asPercent`. */
export function CountBars({ rows, asPercent = false, color = 'blue.7', h = 240, vertical = false }: { rows: CountRow[]; asPercent?: boolean; color?: string; h?: number; vertical?: boolean }) {
  const data = rows.map((r) => ({ label: r.label, value: asPercent ? Math.round((r.rate ?? 0) * 1000) / 10 : r.count }));
  const valueAxis = asPercent ? t('metrics.axis.percent') : t('metrics.axis.offers');
  const valueAxisProps = asPercent ? { domain: [0, 100] } : { allowDecimals: false };
  return (
    <BarChart
      h={h}
      data={data}
      dataKey="label"
      series={[{ name: 'value', label: asPercent ? t('metrics.series.rate') : t('metrics.series.offers'), color }]}
      orientation={vertical ? 'vertical' : 'horizontal'}
      withBarValueLabel
      valueFormatter={(v) => (asPercent ? `${numberText(v)}%` : numberText(v))}
      {...(vertical
        ? { xAxisLabel: valueAxis, xAxisProps: valueAxisProps, yAxisProps: { width: 130 }, valueLabelProps: { position: 'right', fill: 'var(--mantine-color-gray-8)', fontSize: 12 }, barChartProps: { margin: { right: 36, bottom: 30 } } }
        : { yAxisLabel: valueAxis, yAxisProps: valueAxisProps, valueLabelProps: { position: 'top', fill: 'var(--mantine-color-gray-8)', fontSize: 12 }, barChartProps: { margin: { top: 16, left: 10, right: 5 } } })}
      tickLine="none"
      gridAxis={vertical ? 'x' : 'y'}
      tooltipAnimationDuration={150}
    />
  );
}

export function CountTable({ rows, caption, labelHeader, withRate = true }: { rows: CountRow[]; caption: string; labelHeader: string; withRate?: boolean }) {
  return (
    <Table striped verticalSpacing="xs" aria-label={caption}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{labelHeader}</Table.Th>
          <Table.Th scope="col" ta="right">{t('metrics.col.offers')}</Table.Th>
          {withRate && <Table.Th scope="col" ta="right">{t('metrics.col.share')}</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key}>
            <Table.Th scope="row" fw={500}>{r.label}</Table.Th>
            <Table.Td ta="right">{numberText(r.count)}</Table.Td>
            {withRate && <Table.Td ta="right">{percentText(r.rate)}</Table.Td>}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export const describeCounts = (rows: CountRow[], asPercent = false) =>
  rows.map((r) => `${r.label}: ${asPercent ? percentText(r.rate) : `${numberText(r.count)} ${t('metrics.series.offers').toLowerCase()}`}`).join('; ') + '.';
