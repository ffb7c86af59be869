import { Badge, type MantineColor } from '@mantine/core';
import type { CSSProperties } from 'react';
import { statusLabel } from '../lib/labels';
import { toneText } from './tone';

/** Grouped by meaning: waiting on us, with the candidate, done well, done badly. */
const statusColors: Record<string, MantineColor> = {
  draft: 'gray',
  comp_review: 'yellow',
  drafting: 'cyan',
  in_approval: 'orange',
  approved: 'teal',
  sent: 'blue',
  negotiating: 'violet',
  signed: 'green',
  accepted: 'green',
  handed_off: 'indigo',
  declined: 'red',
  expired: 'gray',
  cancelled: 'gray',
  rescinded: 'red',
  withdrawn: 'pink',
};

export function StatusBadge({ status, size = 'md' }: { status: string; size?: 'sm' | 'md' | 'lg' }) {
  const color = statusColors[status] ?? 'gray';
  const vars = {
    '--badge-bg': `var(--mantine-color-${color}-0)`,
    '--badge-color': toneText(color),
    '--badge-bd': `1px solid var(--mantine-color-${color}-3)`,
    flexShrink: 0,
  } as CSSProperties;
  return (
    <Badge variant="light" size={size} tt="none" fw={600} style={vars} data-status={status}>
      {statusLabel(status)}
    </Badge>
  );
}
