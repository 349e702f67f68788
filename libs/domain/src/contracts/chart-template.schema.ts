import { Type, type Static } from 'typebox';

/**
 * A chart template (`chart_templates/{id}`, seeded from `chart-templates/<id>.json`).
 * Only the outer shape lives here; the `request` body is checked against the
 * provider's catalogue by `validateChartTemplate` so errors can name the field.
 */
export const ChartTemplateSchema = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.String({ minLength: 1 }),
    chartImgSymbolTemplate: Type.String({ minLength: 1 }),
    request: Type.Object({}, { additionalProperties: true }),
  },
  { additionalProperties: false },
);

export type ChartTemplate = Static<typeof ChartTemplateSchema>;
