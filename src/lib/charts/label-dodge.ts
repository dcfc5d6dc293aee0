/**
 * Keeps end-of-line labels apart: labels whose anchors are close horizontally are
 * spread vertically so that neighbours are at least `minGap` apart (in the data units
 * of y), moving as little as possible. A greedy pass from the bottom, then the stack
 * is shifted down by half its overshoot so the group stays centred on its anchors.
 */
export interface LabelAnchor {
  x: number;
  y: number;
}

/**
 * Returns the y at which to draw each label (same order as `anchors`). Labels whose x
 * differ by more than `xReach` do not push each other.
 */
export function dodgeLabels(anchors: readonly LabelAnchor[], minGap: number, xReach: number): number[] {
  const out = anchors.map((a) => a.y);
  if (!(minGap > 0)) return out;
  const order = anchors.map((_, i) => i).sort((i, j) => anchors[i].y - anchors[j].y || i - j);
  // clusters: labels that push each other, directly or through a neighbour
  let cluster: number[] = [];
  const flush = () => {
    if (cluster.length > 1) {
      const placed: number[] = [];
      for (let k = 0; k < cluster.length; k++) {
        const want = anchors[cluster[k]].y;
        placed.push(k === 0 ? want : Math.max(want, placed[k - 1] + minGap));
      }
      // centre the cluster on its anchors: shift by the mean displacement
      let shift = 0;
      for (let k = 0; k < cluster.length; k++) shift += placed[k] - anchors[cluster[k]].y;
      shift /= cluster.length;
      for (let k = 0; k < cluster.length; k++) out[cluster[k]] = placed[k] - shift;
    }
    cluster = [];
  };
  let top = -Infinity; // where the cluster's highest label sits when stacked from the bottom
  for (const i of order) {
    const touches =
      cluster.length > 0 &&
      anchors[i].y < top + minGap &&
      cluster.some((j) => Math.abs(anchors[j].x - anchors[i].x) <= xReach);
    if (!touches) {
      flush();
      top = -Infinity;
    }
    cluster.push(i);
    top = Math.max(anchors[i].y, top + minGap);
  }
  flush();
  return out;
}
