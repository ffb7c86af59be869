import { createTheme, type CSSVariablesResolver } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'blue',
  // Shade 8 keeps white button text above 4.5:1 (WCAG AA); the default shade 6 does not.
  primaryShade: { light: 8, dark: 5 },
  defaultRadius: 'md',
  focusRing: 'auto',
  headings: { fontWeight: '700' },
});

/** Mantine's muted grey (#868e96) and error red (#fa5252) are near 3:1 on white; text needs 4.5:1. */
export const cssVariablesResolver: CSSVariablesResolver = (th) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': th.colors.gray[7],
    '--mantine-color-placeholder': th.colors.gray[6],
    '--mantine-color-error': th.colors.red[8],
  },
  dark: {},
});
