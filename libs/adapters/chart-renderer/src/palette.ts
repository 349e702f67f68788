/** The colours of a theme, after TradingView's light and dark charts. */
export interface Palette {
  readonly background: string;
  readonly text: string;
  readonly mutedText: string;
  readonly grid: string;
  readonly border: string;
  readonly up: string;
  readonly down: string;
  readonly upFaded: string;
  readonly downFaded: string;
  readonly line: string;
  readonly level: string;
}

// TradingView draws candles, volume, lines and levels in the same colours on both themes.
const SERIES_COLOURS = {
  up: '#089981',
  down: '#f23645',
  upFaded: 'rgba(8,153,129,0.5)',
  downFaded: 'rgba(242,54,69,0.5)',
  line: '#2962ff',
  level: '#787b86',
} as const satisfies Partial<Palette>;

const LIGHT: Palette = {
  background: '#ffffff',
  text: '#131722',
  mutedText: '#6a6d78',
  grid: '#f0f3fa',
  border: '#d1d4dc',
  ...SERIES_COLOURS,
};

const DARK: Palette = {
  background: '#131722',
  text: '#d1d4dc',
  mutedText: '#868993',
  grid: '#1e222d',
  border: '#2a2e39',
  ...SERIES_COLOURS,
};

export const THEMES = ['light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export function paletteOf(theme: Theme): Palette {
  return theme === 'dark' ? DARK : LIGHT;
}
