import { Badge, type MantineColor } from '@mantine/core';
import type { CSSProperties } from 'react';
import { toneText } from '../../../components/tone';
import type { Step } from '../api/step';
import { stepStatusLabel } from './approval-labels';

/** Waiting on someone, done well, done badly, or out of play. */
const colors: Record<string, MantineColor> = {
  waiting: 'gray',
  pending: 'yellow',
  approved: 'teal',
  carried_over: 'teal',
  rejected: 'red',
  changes_requested: 'orange',
  not_needed: 'gray',
  superseded: 'gray',
};

export function StepStatusBadge({ step }: { step: Pick<Step, 'status' | 'carriedFromVersion'> }) {
  const color = colors[step.status] ?? 'gray';
  const vars = {
    '--badge-bg': `var(--mantine-color-${color}-0)`,
    '--badge-color': toneText(color),
    '--badge-bd': `1px solid var(--mantine-color-${color}-3)`,
    flexShrink: 0,
  } as CSSProperties;
  return (
    <Badge variant="light" size="md" tt="none" fw={600} style={vars} data-status={step.status}>
      {stepStatusLabel(step)}
    </Badge>
  );
}
