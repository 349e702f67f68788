/**
 * A request the local renderer will not draw (an unknown study, a style or input it cannot honour, no
 * candles to show). Raised before any drawing; the message is one line naming the field and the value.
 */
export class RenderRefusal extends Error {
  override readonly name = 'RenderRefusal';
}

export function isRenderRefusal(error: unknown): error is RenderRefusal {
  return error instanceof RenderRefusal;
}
