// Generated once from the drawing names Chart-IMG's documentation accepts (docs/design.md#the-provider-catalogue).

/** Names accepted in `drawings[].name` of the Advanced Chart body. */
export const CHART_IMG_DRAWINGS = [
  'Order Line',
  'Trend Line',
  'Horizontal Line',
  'Vertical Line',
  'Long Position',
  'Short Position',
  'Fib Retracement',
  'Date Range',
  'Date Price Range',
  'Rectangle',
  'Arrow Marker',
  'Arrow Mark Up',
  'Arrow Mark Down',
  'Text',
  'Callout',
] as const;

export type ChartImgDrawing = (typeof CHART_IMG_DRAWINGS)[number];
