// The `override` settings of Chart-IMG's documentation (docs/design.md#the-provider-catalogue).

/** `override` keys that take a boolean. */
export const CHART_IMG_OVERRIDE_BOOLEAN_KEYS = [
  'showLegend',
  'showLegendValues',
  'showMainPane',
  'showPriceLine',
  'showVertGrid',
  'showHorzGrid',
  'showSeriesLastValue',
  'showSeriesOHLC',
  'showBarChange',
  'showStudyLastValue',
  'showStudyPlotNamesAction',
  'showSymbolLabelsAction',
  'showSymbolWatermark',
  'showInvertScale',
  'showInvertScaleStudies',
] as const;

/** `override` keys that take an integer, with their inclusive bounds. */
export const CHART_IMG_OVERRIDE_INTEGER_BOUNDS = {
  mainPaneHeight: { min: 100, max: 1800 },
  scalesFontSize: { min: 10, max: 50 },
} as const;

/** Every `override` key: the above plus `style` (a chart style) and `priceRange` (`{from, to}` numbers). */
export const CHART_IMG_OVERRIDE_KEYS = [
  'style',
  'priceRange',
  ...(Object.keys(CHART_IMG_OVERRIDE_INTEGER_BOUNDS) as (keyof typeof CHART_IMG_OVERRIDE_INTEGER_BOUNDS)[]),
  ...CHART_IMG_OVERRIDE_BOOLEAN_KEYS,
] as const;
