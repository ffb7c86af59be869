import { Badge, type BadgeProps, type MantineColor } from '@mantine/core';
import type { CSSProperties, ReactNode } from 'react';
import { toneText } from './tone';

/** A tinted badge whose text keeps 4.5:1 on its tint (Mantine's light badges do not for orange, yellow, green). */
export function ToneBadge({ color, children, style, ...rest }: { color: MantineColor; children: ReactNode; style?: CSSProperties } & Omit<BadgeProps, 'color' | 'style'> & Record<`data-${string}`, string | undefined>) {
  const vars = {
    '--badge-bg': `var(--mantine-color-${color}-0)`,
    '--badge-color': toneText(color),
    '--badge-bd': `1px solid var(--mantine-color-${color}-3)`,
    flexShrink: 0,
    ...style,
  } as CSSProperties;
  return (
    <Badge variant="light" tt="none" fw={600} style={vars} {...rest}>
      {children}
    </Badge>
  );
}
