import { Type, type Static } from 'typebox';

/**
 * A chart template (`chart_templates/{id}`, seeded from `chart-templates/<id>.json`).
 * Only the outer shape lives here; the `request` body is checked against the
 * provider's catalogue by the template rules so errors can name the field.
 */
export const ChartTemplateSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 200, description: 'Template id; equals the file name and the chartTemplateId.' }),
    description: Type.String({ minLength: 1, description: 'What the chart shows; becomes items[].kind in the manifest.' }),
    chartImgSymbolTemplate: Type.String({
      minLength: 1,
      description: 'Chart-IMG symbol with {symbol} exactly once, e.g. BINANCE:{symbol}.',
    }),
    request: Type.Object(
      {},
      {
        additionalProperties: true,
        description: 'Subset of the Chart-IMG Advanced Chart v2 body; never symbol or interval (the worker injects them).',
      },
    ),
  },
  { additionalProperties: false },
);

export type ChartTemplate = Static<typeof ChartTemplateSchema>;
