import { describe, expect, it } from '@jest/globals';
import { GLYPH_HEIGHT, drawText, hasGlyph, textWidth } from './bitmap-font.js';
import { Raster, type Rgb } from './raster.js';

const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];

const inkedPixels = (raster: Raster): number => {
  let count = 0;
  for (let i = 0; i < raster.data.length; i += 4) if (raster.data[i] === 0) count++;
  return count;
};

describe('bitmap font', () => {
  it('has a glyph for every character a caption needs', () => {
    const needed = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789:_.-/ +()%,';

    expect([...needed].filter((char) => !hasGlyph(char))).toEqual([]);
  });

  it('measures text as 6 pixels per character less the trailing gap, times the scale', () => {
    expect(textWidth('')).toBe(0);
    expect(textWidth('mock')).toBe(23);
    expect(textWidth('mock', 2)).toBe(46);
  });

  it('draws glyphs inside the measured box and nothing for spaces', () => {
    const raster = new Raster(60, 20, WHITE);

    drawText(raster, 2, 3, 'A1 ', BLACK);

    expect(inkedPixels(raster)).toBeGreaterThan(10);
    for (let y = 0; y < 20; y++) {
      for (let x = 0; x < 60; x++) {
        const inside = x >= 2 && x < 2 + textWidth('A1') && y >= 3 && y < 3 + GLYPH_HEIGHT;
        if (!inside) expect(raster.data[(y * 60 + x) * 4]).toBe(255);
      }
    }
  });

  it('draws distinct shapes for distinct characters, and a box for unknown ones', () => {
    const picture = (text: string): string => {
      const raster = new Raster(8, 9, WHITE);
      drawText(raster, 1, 1, text, BLACK);
      return raster.data.toString('hex');
    };

    expect(picture('1')).not.toBe(picture('l'));
    expect(picture('m')).not.toBe(picture('M'));
    expect(picture('€')).not.toBe(picture(' '));
  });

  it('scales each font pixel to a square', () => {
    const small = new Raster(10, 10, WHITE);
    const large = new Raster(20, 20, WHITE);

    drawText(small, 0, 0, 'H', BLACK, 1);
    drawText(large, 0, 0, 'H', BLACK, 2);

    expect(inkedPixels(large)).toBe(inkedPixels(small) * 4);
  });
});
