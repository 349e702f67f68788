// Math's functions as module bindings: hot loops then skip a global lookup per pixel (slow in jest's VM).
const { round, max, min, abs, floor } = Math;

/** An RGB colour, each channel 0..255. */
export type Rgb = readonly [number, number, number];

/** A fixed-size RGBA pixel buffer with the few drawing primitives a chart needs. Out-of-bounds pixels are clipped. */
export class Raster {
  /** RGBA, row-major, as pngjs expects. */
  readonly data: Buffer;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb,
  ) {
    this.data = Buffer.alloc(width * height * 4);
    this.fillRect(0, 0, width, height, background);
  }

  setPixel(x: number, y: number, color: Rgb): void {
    const px = round(x);
    const py = round(y);
    if (px < 0 || py < 0 || px >= this.width || py >= this.height) return;
    const offset = (py * this.width + px) * 4;
    this.data[offset] = color[0];
    this.data[offset + 1] = color[1];
    this.data[offset + 2] = color[2];
    this.data[offset + 3] = 255;
  }

  fillRect(x: number, y: number, width: number, height: number, color: Rgb): void {
    const x0 = max(0, round(x));
    const y0 = max(0, round(y));
    const x1 = min(this.width, round(x + width));
    const y1 = min(this.height, round(y + height));
    for (let py = y0; py < y1; py += 1) {
      for (let px = x0; px < x1; px += 1) this.setPixel(px, py, color);
    }
  }

  /** Bresenham line between two points (rounded), `thickness` pixels wide vertically. */
  line(x0: number, y0: number, x1: number, y1: number, color: Rgb, thickness = 1): void {
    let x = round(x0);
    let y = round(y0);
    const xEnd = round(x1);
    const yEnd = round(y1);
    const dx = abs(xEnd - x);
    const dy = -abs(yEnd - y);
    const sx = x < xEnd ? 1 : -1;
    const sy = y < yEnd ? 1 : -1;
    let error = dx + dy;
    for (;;) {
      for (let t = 0; t < thickness; t += 1) this.setPixel(x, y + t, color);
      if (x === xEnd && y === yEnd) return;
      const doubled = 2 * error;
      if (doubled >= dy) {
        error += dy;
        x += sx;
      }
      if (doubled <= dx) {
        error += dx;
        y += sy;
      }
    }
  }

  /** A horizontal line drawn `dash` pixels on, `dash` off (dash 0: solid). */
  hline(x0: number, x1: number, y: number, color: Rgb, dash = 0): void {
    for (let x = round(x0); x <= round(x1); x += 1) {
      if (dash === 0 || floor((x - x0) / dash) % 2 === 0) this.setPixel(x, y, color);
    }
  }

  vline(x: number, y0: number, y1: number, color: Rgb, dash = 0): void {
    for (let y = round(min(y0, y1)); y <= round(max(y0, y1)); y += 1) {
      if (dash === 0 || floor((y - y0) / dash) % 2 === 0) this.setPixel(x, y, color);
    }
  }

  strokeRect(x: number, y: number, width: number, height: number, color: Rgb): void {
    this.hline(x, x + width - 1, y, color);
    this.hline(x, x + width - 1, y + height - 1, color);
    this.vline(x, y, y + height - 1, color);
    this.vline(x + width - 1, y, y + height - 1, color);
  }
}
