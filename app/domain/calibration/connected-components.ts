/**
 * Connected components of an undirected graph on nodes 0..nodeCount−1, by union–find with path
 * halving and union by size (Tarjan 1975, J. ACM 22(2)). Returns a dense component id per node.
 */
export function findConnectedComponents(
  nodeCount: number,
  forEachEdge: (link: (a: number, b: number) => void) => void,
): { componentOf: Int32Array; count: number } {
  const parent = Int32Array.from({ length: nodeCount }, (_, i) => i);
  const size = new Int32Array(nodeCount).fill(1);
  const root = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  forEachEdge((a, b) => {
    let ra = root(a);
    let rb = root(b);
    if (ra === rb) return;
    if (size[ra] < size[rb]) [ra, rb] = [rb, ra];
    parent[rb] = ra;
    size[ra] += size[rb];
  });
  const componentOf = new Int32Array(nodeCount).fill(-1);
  const idOfRoot = new Int32Array(nodeCount).fill(-1);
  let count = 0;
  for (let x = 0; x < nodeCount; x++) {
    const r = root(x);
    if (idOfRoot[r] < 0) idOfRoot[r] = count++;
    componentOf[x] = idOfRoot[r];
  }
  return { componentOf, count };
}
