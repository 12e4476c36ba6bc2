import { describe, expect, it } from 'vitest';
import {
  boxRectToImage,
  boxToImage,
  boxToViewport,
  canvasPlacement,
  centred,
  dragToImageRect,
  fitScale,
  imageCssTransform,
  imageRectToBox,
  imageToBox,
  nudgeRegion,
  regionInView,
  MAX_SCALE,
  MIN_SCALE,
  rectFromPoints,
  rotateBy,
  rotatedSize,
  rotateView,
  snapToPixels,
  viewportToBox,
  zoomAround,
  type Point,
  type Rotation,
  type Transform,
} from './geometry';

const ROTATIONS: Rotation[] = [0, 90, 180, 270];
const image = { width: 390, height: 844 }; // a phone screenshot
const viewport = { width: 1000, height: 700 };

/** A point turned clockwise about the origin, in screen coordinates (y down), then moved. */
function turn(p: Point, degrees: number, dx: number, dy: number): Point {
  const a = (degrees * Math.PI) / 180;
  const x = p.x * Math.cos(a) - p.y * Math.sin(a);
  const y = p.x * Math.sin(a) + p.y * Math.cos(a);
  return { x: Math.round((x + dx) * 1e9) / 1e9 + 0, y: Math.round((y + dy) * 1e9) / 1e9 + 0 };
}

describe('rotation', () => {
  it('turns clockwise in quarter turns, both ways, wrapping around', () => {
    expect(rotateBy(0, 1)).toBe(90);
    expect(rotateBy(270, 1)).toBe(0);
    expect(rotateBy(0, -1)).toBe(270);
    expect(rotateBy(90, 6)).toBe(270);
    expect(rotateBy(180, -7)).toBe(270);
  });

  it('swaps the sides of the box at 90 and 270 only', () => {
    expect(rotatedSize(image, 0)).toEqual({ width: 390, height: 844 });
    expect(rotatedSize(image, 90)).toEqual({ width: 844, height: 390 });
    expect(rotatedSize(image, 180)).toEqual({ width: 390, height: 844 });
    expect(rotatedSize(image, 270)).toEqual({ width: 844, height: 390 });
  });

  it.each(ROTATIONS)('maps the corners of the image onto the corners of the box at %i°', (r) => {
    const box = rotatedSize(image, r);
    const mapped = [
      { x: 0, y: 0 },
      { x: image.width, y: 0 },
      { x: image.width, y: image.height },
      { x: 0, y: image.height },
    ].map((p) => imageToBox(p, image, r));
    for (const p of mapped) {
      expect([0, box.width]).toContain(p.x);
      expect([0, box.height]).toContain(p.y);
    }
    // Clockwise: the image's top-left corner goes to the box's top-right at 90°, and so on.
    const topLeft = { 0: { x: 0, y: 0 }, 90: { x: box.width, y: 0 }, 180: { x: box.width, y: box.height }, 270: { x: 0, y: box.height } }[r];
    expect(mapped[0]).toEqual(topLeft);
  });

  it.each(ROTATIONS)('imageToBox and boxToImage are inverses at %i°', (r) => {
    for (const p of [
      { x: 0, y: 0 },
      { x: 17.5, y: 300 },
      { x: 389, y: 843 },
      { x: 200, y: 1 },
    ]) {
      expect(boxToImage(imageToBox(p, image, r), image, r)).toEqual(p);
      expect(imageToBox(boxToImage(p, image, r), image, r)).toEqual(p);
    }
  });

  it.each(ROTATIONS)('agrees with the CSS and canvas placement at %i°', (r) => {
    const { dx, dy, radians } = canvasPlacement(image, r);
    expect(radians).toBeCloseTo((r * Math.PI) / 180);
    const css = imageCssTransform(image, r);
    if (r === 0) expect(css).toBe('none');
    else expect(css).toBe(`translate(${dx === 0 ? '0' : `${dx}px`}${dy === 0 && r === 90 ? ', 0' : `, ${dy}px`}) rotate(${r}deg)`);
    for (const p of [
      { x: 10, y: 20 },
      { x: 390, y: 0 },
      { x: 123, y: 844 },
    ]) {
      expect(turn(p, r, dx, dy)).toEqual(imageToBox(p, image, r));
    }
  });
});

describe('rectangles', () => {
  it('spans two corners in any order', () => {
    expect(rectFromPoints({ x: 10, y: 50 }, { x: 4, y: 20 })).toEqual({ x: 4, y: 20, width: 6, height: 30 });
  });

  it.each(ROTATIONS)('round-trips a region between image and box at %i°', (r) => {
    const region = { x: 40, y: 500, width: 300, height: 60 }; // a card number across the screen
    const inBox = imageRectToBox(region, image, r);
    expect(boxRectToImage(inBox, image, r)).toEqual(region);
    if (r === 90 || r === 270) expect([inBox.width, inBox.height]).toEqual([60, 300]);
    else expect([inBox.width, inBox.height]).toEqual([300, 60]);
  });

  it('puts a region where it is seen at 90°: the image bottom-left is the box top-left', () => {
    expect(imageRectToBox({ x: 0, y: 744, width: 100, height: 100 }, image, 90)).toEqual({ x: 0, y: 0, width: 100, height: 100 });
    expect(imageRectToBox({ x: 0, y: 0, width: 100, height: 100 }, image, 270)).toEqual({ x: 0, y: 290, width: 100, height: 100 });
  });

  it('snaps outwards to whole pixels and cuts to the image', () => {
    expect(snapToPixels({ x: 10.6, y: 20.2, width: 5.1, height: 0.3 }, image)).toEqual({ x: 10, y: 20, width: 6, height: 1 });
    expect(snapToPixels({ x: -30, y: 800, width: 100, height: 100 }, image)).toEqual({ x: 0, y: 800, width: 70, height: 44 });
    expect(snapToPixels({ x: 400, y: 10, width: 20, height: 20 }, image)).toBeNull();
    expect(snapToPixels({ x: -50, y: -50, width: 20, height: 20 }, image)).toBeNull();
  });
});

describe('viewport and box', () => {
  const t: Transform = { scale: 2, x: 100, y: -40 };

  it('maps both ways under zoom and pan', () => {
    expect(viewportToBox({ x: 300, y: 160 }, t)).toEqual({ x: 100, y: 100 });
    expect(boxToViewport({ x: 100, y: 100 }, t)).toEqual({ x: 300, y: 160 });
  });

  it('turns a drag into image pixels at 0°, zoomed and panned', () => {
    // Box (50, 60)–(150, 90) at scale 2 and offset (100, -40).
    expect(dragToImageRect({ x: 200, y: 80 }, { x: 400, y: 140 }, t, image, 0)).toEqual({ x: 50, y: 60, width: 100, height: 30 });
    // Dragged up and left: the same region.
    expect(dragToImageRect({ x: 400, y: 140 }, { x: 200, y: 80 }, t, image, 0)).toEqual({ x: 50, y: 60, width: 100, height: 30 });
  });

  it('turns a drag into image pixels at 90°: the box x runs down the image from the bottom', () => {
    const at1: Transform = { scale: 1, x: 0, y: 0 };
    // Box (0,0)–(100,50) at 90° is image x 0..50, y 744..844 (the bottom-left corner).
    expect(dragToImageRect({ x: 0, y: 0 }, { x: 100, y: 50 }, at1, image, 90)).toEqual({ x: 0, y: 744, width: 50, height: 100 });
    // At 180° the box top-left is the image bottom-right.
    expect(dragToImageRect({ x: 0, y: 0 }, { x: 100, y: 50 }, at1, image, 180)).toEqual({ x: 290, y: 794, width: 100, height: 50 });
    // At 270° the box top-left is the image top-right.
    expect(dragToImageRect({ x: 0, y: 0 }, { x: 100, y: 50 }, at1, image, 270)).toEqual({ x: 340, y: 0, width: 50, height: 100 });
  });

  it.each(ROTATIONS)('round-trips a drawn region through the overlay at %i° and scale 0.37', (r) => {
    const tt: Transform = { scale: 0.37, x: 313, y: 12 };
    const region = dragToImageRect({ x: 350, y: 40 }, { x: 420, y: 90 }, tt, image, r)!;
    expect(region).not.toBeNull();
    // Drawn back, the region covers at least what was dragged (edges only move outwards).
    const box = imageRectToBox(region, image, r);
    const a = boxToViewport({ x: box.x, y: box.y }, tt);
    const b = boxToViewport({ x: box.x + box.width, y: box.y + box.height }, tt);
    expect(a.x).toBeLessThanOrEqual(350 + 1e-9);
    expect(a.y).toBeLessThanOrEqual(40 + 1e-9);
    expect(b.x).toBeGreaterThanOrEqual(420 - 1e-9);
    expect(b.y).toBeGreaterThanOrEqual(90 - 1e-9);
    expect(b.x - a.x).toBeLessThan(70 + 2 * 0.37 + 1e-9);
  });

  it('ignores a click and a drag wholly off the picture, and cuts a drag that overhangs', () => {
    const at1: Transform = { scale: 1, x: 100, y: 0 };
    expect(dragToImageRect({ x: 150, y: 150 }, { x: 152, y: 190 }, at1, image, 0)).toBeNull();
    expect(dragToImageRect({ x: 0, y: 0 }, { x: 90, y: 90 }, at1, image, 0)).toBeNull();
    expect(dragToImageRect({ x: 50, y: 10 }, { x: 150, y: 30 }, at1, image, 0)).toEqual({ x: 0, y: 10, width: 50, height: 20 });
  });
});

describe('zoom', () => {
  it('fits the whole picture, never above 100 %, with the sideways box at 90°', () => {
    expect(fitScale(image, 0, viewport)).toBeCloseTo((700 - 48) / 844);
    expect(fitScale(image, 90, viewport)).toBe(1); // 844 × 390 fits 1000 × 700 at 100 %
    expect(fitScale(image, 90, { width: 600, height: 700 })).toBeCloseTo((600 - 48) / 844);
    expect(fitScale({ width: 40, height: 30 }, 0, viewport)).toBe(1);
    expect(fitScale(image, 0, { width: 0, height: 0 })).toBe(1); // not laid out yet
    expect(fitScale({ width: 100_000, height: 10 }, 0, viewport)).toBe(MIN_SCALE);
  });

  it('centres the box', () => {
    expect(centred(image, 0, viewport, 0.5)).toEqual({ scale: 0.5, x: (1000 - 195) / 2, y: (700 - 422) / 2 });
    expect(centred(image, 90, viewport, 1)).toEqual({ scale: 1, x: (1000 - 844) / 2, y: (700 - 390) / 2 });
  });

  it('keeps the point under the anchor in place, within the scale limits', () => {
    const t: Transform = { scale: 1, x: 10, y: 20 };
    const anchor = { x: 500, y: 350 };
    const z = zoomAround(t, 1.25, anchor);
    expect(z.scale).toBe(1.25);
    expect(viewportToBox(anchor, z).x).toBeCloseTo(viewportToBox(anchor, t).x);
    expect(viewportToBox(anchor, z).y).toBeCloseTo(viewportToBox(anchor, t).y);
    expect(zoomAround(t, 1000, anchor).scale).toBe(MAX_SCALE);
    expect(zoomAround(t, 0, anchor).scale).toBe(MIN_SCALE);
  });

  it.each(ROTATIONS)('rotating from %i° keeps the scale and the image point at the centre', (from) => {
    const to = rotateBy(from, 1);
    const t: Transform = { scale: 2.5, x: -300, y: -900 };
    const c = { x: viewport.width / 2, y: viewport.height / 2 };
    const before = boxToImage(viewportToBox(c, t), image, from);
    const turned = rotateView(t, image, from, to, viewport);
    expect(turned.scale).toBe(2.5);
    const after = boxToImage(viewportToBox(c, turned), image, to);
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
    // Four quarter turns bring the view back.
    let back = t;
    let r = from;
    for (let i = 0; i < 4; i++) {
      back = rotateView(back, image, r, rotateBy(r, 1), viewport);
      r = rotateBy(r, 1);
    }
    expect(back.x).toBeCloseTo(t.x);
    expect(back.y).toBeCloseTo(t.y);
  });
});

describe('regions from the keyboard', () => {
  const at1: Transform = { scale: 1, x: 0, y: 0 };

  it('starts a band across the middle of the view, on the picture', () => {
    expect(regionInView(at1, { width: 390, height: 844 }, image, 0)).toEqual({ x: 97, y: 351, width: 196, height: 142 });
    // Zoomed 2× into the top-left corner: the band is half as big in image pixels.
    expect(regionInView({ scale: 2, x: 0, y: 0 }, { width: 390, height: 844 }, image, 0)).toEqual({ x: 48, y: 175, width: 99, height: 72 });
    // The view shows nothing of the picture.
    expect(regionInView({ scale: 1, x: 5000, y: 0 }, { width: 390, height: 844 }, image, 0)).toBeNull();
  });

  it('moves a region the way it looks on screen, at every rotation', () => {
    const region = { x: 100, y: 400, width: 50, height: 20 };
    // Right on screen is +x at 0°, +y in the image at 270° (the image's top is on the left then)…
    expect(nudgeRegion(region, { x: 10, y: 0 }, at1, image, 0, false)).toEqual({ x: 110, y: 400, width: 50, height: 20 });
    expect(nudgeRegion(region, { x: 10, y: 0 }, at1, image, 90, false)).toEqual({ x: 100, y: 390, width: 50, height: 20 });
    expect(nudgeRegion(region, { x: 10, y: 0 }, at1, image, 180, false)).toEqual({ x: 90, y: 400, width: 50, height: 20 });
    expect(nudgeRegion(region, { x: 10, y: 0 }, at1, image, 270, false)).toEqual({ x: 100, y: 410, width: 50, height: 20 });
    // …and a step on screen is smaller in the image when zoomed in.
    expect(nudgeRegion(region, { x: 0, y: 10 }, { scale: 2, x: 0, y: 0 }, image, 0, false)).toEqual({ x: 100, y: 405, width: 50, height: 20 });
  });

  it('stays on the picture and keeps a size of at least 1 px', () => {
    const region = { x: 0, y: 0, width: 50, height: 20 };
    expect(nudgeRegion(region, { x: -100, y: -100 }, at1, image, 0, false)).toEqual(region);
    expect(nudgeRegion(region, { x: 10_000, y: 0 }, at1, image, 0, false)).toEqual({ x: 340, y: 0, width: 50, height: 20 });
    expect(nudgeRegion(region, { x: 10_000, y: 5 }, at1, image, 0, true)).toEqual({ x: 0, y: 0, width: 390, height: 25 });
    expect(nudgeRegion(region, { x: -500, y: -500 }, at1, image, 0, true)).toEqual({ x: 0, y: 0, width: 1, height: 1 });
  });
});
