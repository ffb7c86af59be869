import type { CSSProperties } from 'react';

/**
 * Tinted surfaces with text that stays readable. Mantine's darkest green,
 * yellow or orange (shade 9) is under 4.5:1 on its own tint, so the text
 * colour is that shade mixed toward black.
 */
export const toneText = (color: string) => `color-mix(in srgb, var(--mantine-color-${color}-9) 60%, black)`;

export function toneSurface(color: string): CSSProperties {
  return {
    backgroundColor: `var(--mantine-color-${color}-0)`,
    color: toneText(color),
    border: `1px solid var(--mantine-color-${color}-3)`,
  };
}
