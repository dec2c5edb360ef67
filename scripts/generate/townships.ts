/**
 * Make every township a contiguous set of Voronoi cells with exactly the required number of
 * cells. Start from the intended assignment (seed sampling), then repeatedly hand detached
 * components to a neighbouring township and pay the cells back along a path of adjacent
 * townships, moving only boundary cells whose removal keeps the donor connected.
 */
export interface AssignInput {
  adj: Map<number, number>[]; // cell adjacency with shared length
  assign: number[]; // intended township per cell
  counts: number[]; // required cells per township
  seat: number[]; // a cell per township that must stay in it
}

function components(cells: number[], adj: Map<number, number>[], assign: number[], t: number): number[][] {
  const seen = new Set<number>();
  const comps: number[][] = [];
  for (const c of cells) {
    if (seen.has(c)) continue;
    const comp: number[] = [];
    const stack = [c];
    seen.add(c);
    while (stack.length) {
      const x = stack.pop()!;
      comp.push(x);
      for (const y of adj[x].keys())
        if (assign[y] === t && !seen.has(y)) {
          seen.add(y);
          stack.push(y);
        }
    }
    comps.push(comp);
  }
  return comps;
}

function connectedWithout(members: number[], drop: number, adj: Map<number, number>[], assign: number[], t: number): boolean {
  const rest = members.filter((m) => m !== drop);
  if (rest.length === 0) return false;
  const seen = new Set<number>([rest[0]]);
  const stack = [rest[0]];
  while (stack.length) {
    const x = stack.pop()!;
    for (const y of adj[x].keys())
      if (y !== drop && assign[y] === t && !seen.has(y)) {
        seen.add(y);
        stack.push(y);
      }
  }
  return seen.size === rest.length;
}

export function contiguousAssignment(inp: AssignInput, maxIter = 5000): number[] {
  const { adj, counts, seat } = inp;
  const assign = [...inp.assign];
  const T = counts.length;
  const membersOf = (t: number) => {
    const m: number[] = [];
    for (let i = 0; i < assign.length; i++) if (assign[i] === t) m.push(i);
    return m;
  };
  const isSeat = new Set(seat);
  // move one cell from township a into neighbouring township b
  const moveOne = (a: number, b: number): boolean => {
    const ma = membersOf(a);
    let best = -1, bestScore = -Infinity;
    for (const c of ma) {
      if (isSeat.has(c)) continue;
      let shared = 0, total = 0;
      for (const [y, l] of adj[c]) {
        total += l;
        if (assign[y] === b) shared += l;
      }
      if (shared === 0) continue;
      const score = shared / total;
      if (score > bestScore && connectedWithout(ma, c, adj, assign, a)) {
        bestScore = score;
        best = c;
      }
    }
    if (best < 0) return false;
    assign[best] = b;
    return true;
  };
  const townAdj = () => {
    const ta: Set<number>[] = Array.from({ length: T }, () => new Set<number>());
    for (let i = 0; i < assign.length; i++) for (const y of adj[i].keys()) if (assign[y] !== assign[i]) ta[assign[i]].add(assign[y]);
    return ta;
  };
  // pay one cell from `from` to `to` along a path of townships
  const transfer = (from: number, to: number): boolean => {
    const ta = townAdj();
    const prev = new Map<number, number>([[from, -1]]);
    const queue = [from];
    while (queue.length) {
      const x = queue.shift()!;
      if (x === to) break;
      for (const y of [...ta[x]].sort((p, q) => p - q))
        if (!prev.has(y)) {
          prev.set(y, x);
          queue.push(y);
        }
    }
    if (!prev.has(to)) return false;
    const path: number[] = [];
    for (let x = to; x !== -1; x = prev.get(x)!) path.unshift(x);
    // move from the end so each intermediate keeps its count
    for (let i = path.length - 2; i >= 0; i--) if (!moveOne(path[i], path[i + 1])) return false;
    return true;
  };
  for (let iter = 0; iter < maxIter; iter++) {
    let fixed = true;
    for (let t = 0; t < T; t++) {
      const m = membersOf(t);
      const comps = components(m, adj, assign, t);
      const cnt = m.length;
      if (comps.length <= 1 && cnt === counts[t]) continue;
      fixed = false;
      if (comps.length > 1) {
        comps.sort((a, b) => (a.includes(seat[t]) ? -1 : b.includes(seat[t]) ? 1 : b.length - a.length));
        const minor = comps[comps.length - 1];
        // neighbour township with the longest shared boundary
        const share = new Map<number, number>();
        for (const c of minor) for (const [y, l] of adj[c]) if (assign[y] !== t) share.set(assign[y], (share.get(assign[y]) ?? 0) + l);
        const nb = [...share.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
        if (!nb) throw new Error('isolated component');
        for (const c of minor) assign[c] = nb[0];
        break;
      }
      if (cnt < counts[t]) {
        // find a township with surplus
        let src = -1;
        for (let u = 0; u < T; u++) if (membersOf(u).length > counts[u]) src = u;
        if (src < 0 || !transfer(src, t)) throw new Error(`cannot balance township ${t}`);
        break;
      }
    }
    if (fixed) return assign;
  }
  throw new Error('contiguousAssignment did not converge');
}
