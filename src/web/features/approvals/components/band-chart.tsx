import { Box, Group, Text } from '@mantine/core';
import { t } from '../../../i18n/t';
import '../messages.en';
import { formatMoney } from '../../../lib/format';
import type { BandPosition } from '../api/inbox';
import { describeBand } from './approval-labels';

/**
 * The band as a bar (min to max, a tick at mid) with a marker at the offered base. The drawing is
 * decoration; the caption under it says the same in words for everyone.
 */
export function BandChart({ band }: { band: BandPosition }) {
  const lo = Math.min(band.minCents, band.offeredCents);
  const hi = Math.max(band.maxCents, band.offeredCents);
  const pad = Math.max((hi - lo) * 0.12, 1);
  const from = lo - pad;
  const span = hi + pad - from;
  const pct = (cents: number) => `${(((cents - from) / span) * 100).toFixed(2)}%`;
  const outside = band.offeredCents > band.maxCents || band.offeredCents < band.minCents;
  const markerColor = outside ? 'var(--mantine-color-red-8)' : 'var(--mantine-color-blue-9)';
  const money = (cents: number) => formatMoney(cents, band.currency);

  return (
    <Box component="figure" m={0} maw={420} data-testid="band-chart">
      <Box aria-hidden="true" pos="relative" h={26} mt={4}>
        <Box pos="absolute" top={10} left={0} right={0} h={6} bg="gray.2" style={{ borderRadius: 3 }} />
        <Box
          pos="absolute"
          top={8}
          h={10}
          bg="blue.2"
          style={{ left: pct(band.minCents), width: `calc(${pct(band.maxCents)} - ${pct(band.minCents)})`, borderRadius: 3, border: '1px solid var(--mantine-color-blue-5)' }}
        />
        <Box pos="absolute" top={4} h={18} w={2} bg="blue.7" style={{ left: pct(band.midCents), transform: 'translateX(-1px)' }} />
        <Box
          pos="absolute"
          top={0}
          h={26}
          w={6}
          style={{ left: pct(band.offeredCents), transform: 'translateX(-3px)', background: markerColor, borderRadius: 3, border: '1px solid white' }}
        />
      </Box>
      <Group gap="md" aria-hidden="true" wrap="wrap">
        <Group gap={6} wrap="nowrap">
          <Box w={14} h={8} bg="blue.2" style={{ border: '1px solid var(--mantine-color-blue-5)', borderRadius: 2 }} />
          <Text size="xs" c="gray.8">
            {t('approvals.band.legendBand', { min: money(band.minCents), max: money(band.maxCents), mid: money(band.midCents) })}
          </Text>
        </Group>
        <Group gap={6} wrap="nowrap">
          <Box w={5} h={12} style={{ background: markerColor, borderRadius: 2 }} />
          <Text size="xs" c="gray.8">
            {t('approvals.band.legendOffered', { value: money(band.offeredCents) })}
          </Text>
        </Group>
      </Group>
      <Text component="figcaption" size="sm" fw={500} c={outside ? 'red.9' : undefined} mt={4}>
        {describeBand(band)}
      </Text>
    </Box>
  );
}
