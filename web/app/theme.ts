import {
  createTheme,
  darken,
  mergeThemeOverrides,
  type CSSVariablesResolver,
  type MantineThemeOverride,
} from '@mantine/core';

/**
 * Mantine's defaults with one accent colour. The accent shade is the darkest teal so white text on
 * filled buttons and teal links on white both pass WCAG AA (about 5:1); dimmed and error text are
 * darkened in light mode (and lightened in dark mode) for the same reason.
 */
export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: { light: 9, dark: 9 },
  defaultRadius: 'md',
  cursorType: 'pointer',
  focusRing: 'auto',
  // Someone whose system asks for less motion gets no sliding or fading (WCAG 2.3.3).
  respectReducedMotion: true,
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    // The row under the pointer: Mantine's gray-1 left the teal links in it at 4.49:1 (WCAG AA
    // asks 4.5:1); the variable is set per colour scheme below.
    Table: {
      defaultProps: {
        verticalSpacing: 'sm',
        highlightOnHover: true,
        highlightOnHoverColor: 'var(--hospitium-row-hover)',
      },
    },
    Card: { defaultProps: { withBorder: true, radius: 'md', padding: 'lg' } },
    Paper: { defaultProps: { radius: 'md' } },
    Tooltip: { defaultProps: { openDelay: 300 } },
    // Dropdowns, menus and the bell's list are placed against the viewport, not the document: an
    // absolutely placed one, opened from a fixed header or dialog over a long page on a phone, kept
    // moving as the page scrolled under it, and could not be tapped.
    Popover: { defaultProps: { floatingStrategy: 'fixed' } },
    // A badge is a short label: in a narrow table cell it keeps its width rather than turning
    // "Approved" into "APPRO…" (a flex label that may shrink to nothing otherwise).
    Badge: { styles: { root: { minWidth: 'max-content' } } },
  },
});

/**
 * The theme with the words it puts on screen itself: the name of the close button of every dialog,
 * drawer and notice (Mantine's is an unnamed icon, which a screen reader announces as "button").
 */
export function themeWith(words: { close: string; dismiss: string }): MantineThemeOverride {
  return mergeThemeOverrides(theme, {
    components: {
      Modal: { defaultProps: { closeButtonProps: { 'aria-label': words.close } } },
      Drawer: { defaultProps: { closeButtonProps: { 'aria-label': words.close } } },
      Notification: { defaultProps: { closeButtonProps: { 'aria-label': words.dismiss } } },
    },
  });
}

/**
 * Light mode: the text of "light" badges, buttons and the active menu entry is each colour's darkest
 * shade darkened by 30%. Mantine's own (shade 9 on shade 1) gave 4.3:1 for teal, 3.6:1 for orange
 * and 2.7:1 for yellow, under WCAG AA's 4.5:1; now every colour is at 5:1 or more.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    ...Object.fromEntries(
      Object.entries(t.colors).flatMap(([name, shades]) => [
        [`--mantine-color-${name}-light-color`, darken(shades[9], 0.3)],
        // Outline buttons too: orange shade 9 on an orange note (the temporary record's "Merge
        // into their record") was 3.6:1.
        [`--mantine-color-${name}-outline`, darken(shades[9], 0.3)],
      ]),
    ),
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-8)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
    // Teal links in a hovered row at 4.8:1.
    '--hospitium-row-hover': 'var(--mantine-color-gray-0)',
  },
  dark: {
    '--hospitium-row-hover': 'var(--mantine-color-dark-5)',
    '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
    '--mantine-color-error': 'var(--mantine-color-red-5)',
  },
});
