/**
 * The viewer's coordinate spaces, as pure functions (the redaction depends on them being right):
 * - image: the file's own pixels, unrotated, origin top-left (W × H);
 * - box: the rotated image as laid out in the zoomable content (W × H, or H × W at 90/270);
 *   rotation is clockwise, so box = the picture as the agent sees it at scale 1;
 * - viewport: the stage the box is zoomed and panned in; a Transform places the box there
 *   (viewport = box × scale + (x, y), as react-zoom-pan-pinch applies it);
 * - client: the page; viewport = client − the stage's top-left corner.
 * Redaction regions are kept in image space, so they survive rotating, zooming and panning, and
 * are mapped into box space to be drawn and to be rendered into the (rotated) copy.
 */

export type Rotation = 0 | 90 | 180 | 270;
export interface Size {
  width: number;
  height: number;
}
export interface Point {
  x: number;
  y: number;
}
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
/** Where the box sits in the viewport: its top-left corner and its scale. */
export interface Transform {
  scale: number;
  x: number;
  y: number;
}

export const MIN_SCALE = 0.05;
export const MAX_SCALE = 8;
/** `+` / `-` multiply or divide the scale by this. */
export const ZOOM_STEP = 1.25;

/** A quarter turn clockwise (`turns` may be negative). */
export function rotateBy(r: Rotation, turns: number): Rotation {
  return ((((r / 90 + turns) % 4) + 4) % 4) * 90 as Rotation;
}

export const isSideways = (r: Rotation): boolean => r === 90 || r === 270;

/** The box: the image's size as shown at this rotation. */
export function rotatedSize(image: Size, r: Rotation): Size {
  return isSideways(r) ? { width: image.height, height: image.width } : { width: image.width, height: image.height };
}

export function imageToBox(p: Point, image: Size, r: Rotation): Point {
  switch (r) {
    case 0:
      return { x: p.x, y: p.y };
    case 90:
      return { x: image.height - p.y, y: p.x };
    case 180:
      return { x: image.width - p.x, y: image.height - p.y };
    case 270:
      return { x: p.y, y: image.width - p.x };
  }
}

export function boxToImage(p: Point, image: Size, r: Rotation): Point {
  switch (r) {
    case 0:
      return { x: p.x, y: p.y };
    case 90:
      return { x: p.y, y: image.height - p.x };
    case 180:
      return { x: image.width - p.x, y: image.height - p.y };
    case 270:
      return { x: image.width - p.y, y: p.x };
  }
}

/** The rectangle spanned by two corners, in any order. */
export function rectFromPoints(a: Point, b: Point): Rect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
}

const corners = (r: Rect): [Point, Point] => [
  { x: r.x, y: r.y },
  { x: r.x + r.width, y: r.y + r.height },
];

export function imageRectToBox(rect: Rect, image: Size, r: Rotation): Rect {
  const [a, b] = corners(rect);
  return rectFromPoints(imageToBox(a, image, r), imageToBox(b, image, r));
}

export function boxRectToImage(rect: Rect, image: Size, r: Rotation): Rect {
  const [a, b] = corners(rect);
  return rectFromPoints(boxToImage(a, image, r), boxToImage(b, image, r));
}

/** The rectangle cut to the image, its edges moved outwards to whole pixels (never less covered). */
export function snapToPixels(rect: Rect, image: Size): Rect | null {
  const x0 = Math.max(0, Math.floor(rect.x));
  const y0 = Math.max(0, Math.floor(rect.y));
  const x1 = Math.min(image.width, Math.ceil(rect.x + rect.width));
  const y1 = Math.min(image.height, Math.ceil(rect.y + rect.height));
  if (x1 <= x0 || y1 <= y0) return null;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

export function viewportToBox(p: Point, t: Transform): Point {
  return { x: (p.x - t.x) / t.scale, y: (p.y - t.y) / t.scale };
}

export function boxToViewport(p: Point, t: Transform): Point {
  return { x: p.x * t.scale + t.x, y: p.y * t.scale + t.y };
}

/** Smallest drag, in screen pixels, that makes a region (a click is not a region). */
export const MIN_DRAG_PX = 4;

/**
 * A drag on the stage (two viewport points) as a region of the image, in whole image pixels,
 * cut to the image; null for a click or a drag wholly outside the picture.
 */
export function dragToImageRect(start: Point, end: Point, t: Transform, image: Size, r: Rotation): Rect | null {
  if (Math.abs(end.x - start.x) < MIN_DRAG_PX || Math.abs(end.y - start.y) < MIN_DRAG_PX) return null;
  const box = rectFromPoints(viewportToBox(start, t), viewportToBox(end, t));
  return snapToPixels(boxRectToImage(box, image, r), image);
}

export const clampScale = (s: number): number => Math.min(MAX_SCALE, Math.max(MIN_SCALE, s));

/** The scale that shows the whole picture in the viewport (never above 100 %). */
export function fitScale(image: Size, r: Rotation, viewport: Size, padding = 24): number {
  const box = rotatedSize(image, r);
  const w = viewport.width - 2 * padding;
  const h = viewport.height - 2 * padding;
  if (w <= 0 || h <= 0 || box.width <= 0 || box.height <= 0) return 1;
  return clampScale(Math.min(1, w / box.width, h / box.height));
}

/** The box at `scale`, centred in the viewport. */
export function centred(image: Size, r: Rotation, viewport: Size, scale: number): Transform {
  const box = rotatedSize(image, r);
  return { scale, x: (viewport.width - box.width * scale) / 2, y: (viewport.height - box.height * scale) / 2 };
}

/** The transform at a new scale that keeps the box point under `anchor` (viewport) where it is. */
export function zoomAround(t: Transform, nextScale: number, anchor: Point): Transform {
  const scale = clampScale(nextScale);
  const p = viewportToBox(anchor, t);
  return { scale, x: anchor.x - p.x * scale, y: anchor.y - p.y * scale };
}

/**
 * The transform after turning the picture from `from` to `to` at the same scale, so the image
 * point that was at the viewport's centre stays at the centre: rotation composes with zoom.
 */
export function rotateView(t: Transform, image: Size, from: Rotation, to: Rotation, viewport: Size): Transform {
  const c = { x: viewport.width / 2, y: viewport.height / 2 };
  const onImage = boxToImage(viewportToBox(c, t), image, from);
  const b = imageToBox(onImage, image, to);
  return { scale: t.scale, x: c.x - b.x * t.scale, y: c.y - b.y * t.scale };
}

/** The CSS transform (origin 0 0) that lays the unrotated W × H image into its box. */
export function imageCssTransform(image: Size, r: Rotation): string {
  switch (r) {
    case 0:
      return 'none';
    case 90:
      return `translate(${image.height}px, 0) rotate(90deg)`;
    case 180:
      return `translate(${image.width}px, ${image.height}px) rotate(180deg)`;
    case 270:
      return `translate(0, ${image.width}px) rotate(270deg)`;
  }
}

/** The same placement for a canvas: translate, then rotate by this many radians. */
export function canvasPlacement(image: Size, r: Rotation): { dx: number; dy: number; radians: number } {
  const radians = (r * Math.PI) / 180;
  switch (r) {
    case 0:
      return { dx: 0, dy: 0, radians };
    case 90:
      return { dx: image.height, dy: 0, radians };
    case 180:
      return { dx: image.width, dy: image.height, radians };
    case 270:
      return { dx: 0, dy: image.width, radians };
  }
}

/**
 * A region made from the keyboard: a band across the middle of what is in view (half its width,
 * a sixth of its height), in image pixels; null when the picture is not in view.
 */
export function regionInView(t: Transform, viewport: Size, image: Size, r: Rotation): Rect | null {
  const w = viewport.width / 2;
  const h = viewport.height / 6;
  const start = { x: (viewport.width - w) / 2, y: (viewport.height - h) / 2 };
  const box = rectFromPoints(viewportToBox(start, t), viewportToBox({ x: start.x + w, y: start.y + h }, t));
  return snapToPixels(boxRectToImage(box, image, r), image);
}

/**
 * A region moved (or, with `resize`, its right / bottom edge moved) by a step on screen, in
 * the direction the agent sees at this rotation and zoom; kept on the picture, at least 1 px.
 */
export function nudgeRegion(region: Rect, screen: Point, t: Transform, image: Size, r: Rotation, resize: boolean): Rect {
  const boxSize = rotatedSize(image, r);
  const b = imageRectToBox(region, image, r);
  const dx = screen.x / t.scale;
  const dy = screen.y / t.scale;
  let next: Rect;
  if (resize) {
    next = { x: b.x, y: b.y, width: Math.max(1, Math.min(boxSize.width - b.x, b.width + dx)), height: Math.max(1, Math.min(boxSize.height - b.y, b.height + dy)) };
  } else {
    next = { x: Math.max(0, Math.min(boxSize.width - b.width, b.x + dx)), y: Math.max(0, Math.min(boxSize.height - b.height, b.y + dy)), width: b.width, height: b.height };
  }
  const back = boxRectToImage(next, image, r);
  return { x: Math.round(back.x), y: Math.round(back.y), width: Math.max(1, Math.round(back.width)), height: Math.max(1, Math.round(back.height)) };
}
