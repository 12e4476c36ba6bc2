/** Placeholder blocks in the geometry of what is loading; they appear only after 200 ms. */
export function SkeletonLine({ width = '100%', height = 12 }: { width?: number | string; height?: number }) {
  return <span className="skeleton" style={{ width, height }} aria-hidden="true" />;
}
