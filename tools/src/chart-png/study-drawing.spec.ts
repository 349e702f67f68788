import { describe, expect, it } from '@jest/globals';
import { generateCandles } from './candles.js';
import { LIGHT_THEME } from './chart-theme.js';
import { seededRandom } from './seeded-random.js';
import { studyDrawing, type TemplateStudy } from './study-drawing.js';

const candles = generateCandles(seededRandom(1), 200);
const draw = (study: TemplateStudy) => studyDrawing(study, candles, LIGHT_THEME.palette, 0);

describe('studyDrawing', () => {
  it.each([
    ['Moving Average Double', 'price'],
    ['Bollinger Bands', 'price'],
    ['Parabolic SAR', 'price'],
    ['Volume Profile Visible Range', 'price'],
    ['Keltner Channels', 'price'],
    ['MACD', 'pane'],
    ['Relative Strength Index', 'pane'],
    ['Volume', 'pane'],
    ['On Balance Volume', 'pane'],
    ['Bollinger Bands %B', 'pane'],
    ['Commodity Channel Index', 'pane'],
  ])('places %s on the %s', (name, placement) => {
    expect(draw({ name }).placement).toBe(placement);
  });

  it('puts a pane study with forceOverlay on the main pane with its own scale', () => {
    expect(draw({ name: 'Volume', forceOverlay: true }).placement).toBe('overlay');
    expect(draw({ name: 'MACD', forceOverlay: false }).placement).toBe('pane');
  });

  it('draws one line per period of a double moving average, using the template inputs', () => {
    const drawing = draw({ name: 'Moving Average Double', input: { firstPeriods: 12, secondPeriods: 26, method: 'Simple' } });

    expect(drawing.plots.map((p) => p.kind)).toEqual(['line', 'line']);
    const warmUp = drawing.plots.map((p) => ('series' in p ? p.series.findIndex((v) => v !== undefined) : -1));
    expect(warmUp).toEqual([11, 25]);
    expect(drawing.label).toBe('Moving Average Double 12 26 Simple');
  });

  it('bounds oscillators to 0..100 with their reference levels', () => {
    expect(draw({ name: 'Relative Strength Index' })).toMatchObject({ range: [0, 100], guides: [30, 70] });
    expect(draw({ name: 'Stochastic RSI' })).toMatchObject({ range: [0, 100], guides: [20, 80] });
  });

  it('takes the first plot colour from the study override', () => {
    const drawing = draw({ name: 'Parabolic SAR', override: { 'Plot.color': 'rgb(33,150,243)' } });

    expect(drawing.plots[0]?.color).toEqual([33, 150, 243]);
  });

  it('stands in a momentum line for a study it has no drawing for', () => {
    const drawing = draw({ name: 'Know Sure Thing' });

    expect(drawing).toMatchObject({ placement: 'pane', guides: [0] });
    expect(drawing.plots).toHaveLength(1);
  });
});
