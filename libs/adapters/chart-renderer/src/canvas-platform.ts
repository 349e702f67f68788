import { createRequire } from 'node:module';
import { createCanvas, GlobalFonts, type Canvas } from '@napi-rs/canvas';
import { setPlatformAPI } from 'echarts/core';

/** Every text of a chart is set in this family, registered from the npm-shipped TTF below. */
export const FONT_FAMILY = 'DejaVu Sans';

// The font ships as an npm package, so a chart is the same PNG on every machine whatever fonts it has.
const FONT_FILE = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
let ready = false;

/**
 * Gives ECharts a canvas to draw and measure text on, outside a browser: Skia through @napi-rs/canvas, with
 * DejaVu Sans registered. Idempotent.
 */
export function prepareCanvasPlatform(): void {
  if (ready) return;
  GlobalFonts.registerFromPath(FONT_FILE, FONT_FAMILY);
  type EChartsCanvas = ReturnType<NonNullable<Parameters<typeof setPlatformAPI>[0]['createCanvas']>>;
  setPlatformAPI({ createCanvas: () => createCanvas(1, 1) as unknown as EChartsCanvas });
  ready = true;
}

/** A canvas of the chart's size. */
export function chartCanvas(width: number, height: number): Canvas {
  prepareCanvasPlatform();
  return createCanvas(width, height);
}
