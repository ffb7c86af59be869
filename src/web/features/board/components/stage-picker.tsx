import { Button, Group, Text } from '@mantine/core';
import type { OfferStatus } from '../../../../core/lifecycle';
import { t } from '../../../i18n/t';
import '../messages.en';
import { statusLabel } from '../../../lib/labels';
import { openStages } from './board-query';

interface Props {
  stage: OfferStatus | undefined;
  byStage: Record<string, number> | undefined;
  onChange: (stage: OfferStatus | undefined) => void;
}

/** The board grouped by stage: one toggle per open stage with its count, and "All stages". Empty stages stay out of the way. */
export function StagePicker({ stage, byStage, onChange }: Props) {
  const counts = byStage ?? {};
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  const shown = openStages.filter((s) => (counts[s] ?? 0) > 0 || s === stage);
  const option = (key: string, label: string, count: number, pressed: boolean, value: OfferStatus | undefined) => (
    <Button
      key={key}
      size="compact-md"
      variant={pressed ? 'filled' : 'default'}
      aria-pressed={pressed}
      onClick={() => onChange(value)}
      rightSection={
        <Text span size="sm" fw={700} c={pressed ? 'white' : 'blue.9'}>
          {count}
        </Text>
      }
      data-stage-option={key}
    >
      {label}
    </Button>
  );
  return (
    <Group gap="xs" role="group" aria-label={t('board.stages')}>
      {option('all', t('board.stage.all'), total, !stage, undefined)}
      {shown.map((s) => option(s, statusLabel(s), counts[s] ?? 0, stage === s, s))}
    </Group>
  );
}
