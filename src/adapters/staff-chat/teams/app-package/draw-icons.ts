import { encodePng } from "./png.js";

/** Baton's accent: the colour icon's background and the manifest's accentColor. */
export const ACCENT = "#1F6FEB";

type Shape = (x: number, y: number) => boolean;

/** A relay baton passed on: a thick bar from lower left reaching into a ring, the hand that takes it. */
function baton(size: number): Shape {
  const [ax, ay, bx, by] = [0.24 * size, 0.76 * size, 0.58 * size, 0.42 * size];
  const half = 0.085 * size;
  const ring = { x: 0.7 * size, y: 0.3 * size, outer: 0.17 * size, inner: 0.09 * size };
  return (x, y) => {
    const t = Math.max(
      0,
      Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
    );
    const onBar = Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) <= half;
    const r = Math.hypot(x - ring.x, y - ring.y);
    return onBar || (r <= ring.outer && r >= ring.inner);
  };
}

/** Fraction of a pixel covered by `shape`, from 4×4 samples: smooth edges without a graphics library. */
function coverage(shape: Shape, px: number, py: number): number {
  let hits = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (shape(px + (i + 0.5) / 4, py + (j + 0.5) / 4)) hits++;
  return hits / 16;
}

function draw(size: number, paint: (cover: number, out: Uint8Array, at: number) => void): Buffer {
  const shape = baton(size);
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) paint(coverage(shape, x, y), rgba, (y * size + x) * 4);
  return encodePng(size, size, rgba);
}

/** The 192×192 full-colour icon: a white baton on the accent colour. */
export function drawColorIcon(): Buffer {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(ACCENT.slice(i, i + 2), 16)) as [number, number, number];
  return draw(192, (cover, out, at) => {
    out.set(
      [Math.round(r + (255 - r) * cover), Math.round(g + (255 - g) * cover), Math.round(b + (255 - b) * cover), 255],
      at,
    );
  });
}

/** The 32×32 outline icon Teams requires: white on a transparent background, nothing else. */
export function drawOutlineIcon(): Buffer {
  return draw(32, (cover, out, at) => out.set([255, 255, 255, Math.round(255 * cover)], at));
}
