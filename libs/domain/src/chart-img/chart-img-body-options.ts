// The provider's Advanced Chart v2 body fields, from Chart-IMG's documentation (docs/design.md#the-provider-catalogue).

/** `style` (and `override.style`). */
export const CHART_IMG_STYLES = ['bar', 'candle', 'line', 'area', 'heikinAshi', 'hollowCandle', 'baseline', 'hiLo', 'column'] as const;

/** `theme`. */
export const CHART_IMG_THEMES = ['light', 'dark'] as const;

/** `scale`. */
export const CHART_IMG_SCALES = ['regular', 'percent', 'indexedTo100', 'logarithmic'] as const;

/** `session`. */
export const CHART_IMG_SESSIONS = ['regular', 'extended'] as const;

/** `format` the provider accepts; templates may only use `png` (docs/design.md#templates). */
export const CHART_IMG_FORMATS = ['png', 'jpeg'] as const;

/** `range` presets; the other form is `{from, to}` in ISO 8601. */
export const CHART_IMG_RANGE_PRESETS = ['1D', '5D', '1M', '3M', '6M', '1Y', '5Y', 'ALL', 'DTD', 'WTD', 'MTD', 'YTD'] as const;

/** Width and height when the body leaves them out, and the smallest the provider accepts. */
export const CHART_IMG_DEFAULT_WIDTH = 800;
export const CHART_IMG_DEFAULT_HEIGHT = 600;
export const CHART_IMG_MIN_WIDTH = 400;
export const CHART_IMG_MIN_HEIGHT = 300;

/** `shiftLeft` / `shiftRight` bounds. */
export const CHART_IMG_SHIFT_BOUNDS = { min: 1, max: 1000 } as const;

export type ChartImgStyle = (typeof CHART_IMG_STYLES)[number];
export type ChartImgTheme = (typeof CHART_IMG_THEMES)[number];
export type ChartImgScale = (typeof CHART_IMG_SCALES)[number];
export type ChartImgSession = (typeof CHART_IMG_SESSIONS)[number];
export type ChartImgFormat = (typeof CHART_IMG_FORMATS)[number];
export type ChartImgRangePreset = (typeof CHART_IMG_RANGE_PRESETS)[number];
