// Addresses one value inside a model spec: `populations[name=E].n`, `synapses[0].weightNs`, `neuron.model`.

export type PathSegment = { key: string } | { index: number } | { match: { key: string; value: string } };

/** Parses a dotted path with `[index]` and `[key=value]` selectors (the latter finds an array element by a field). */
export function parsePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  const re = /([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[([A-Za-z_$][\w$]*)=([^\]]+)\]|(\.)/g;
  let pos = 0;
  let expectKey = true;
  let m: RegExpExecArray | null;
  if (!path) throw new Error('empty path');
  while ((m = re.exec(path))) {
    if (m.index !== pos) break;
    pos = re.lastIndex;
    if (m[1] !== undefined) {
      if (!expectKey) throw new Error(`path '${path}': missing '.' before '${m[1]}'`);
      segments.push({ key: m[1] });
      expectKey = false;
    } else if (m[2] !== undefined) {
      segments.push({ index: Number(m[2]) });
      expectKey = false;
    } else if (m[3] !== undefined) {
      segments.push({ match: { key: m[3], value: m[4] } });
      expectKey = false;
    } else {
      if (expectKey) throw new Error(`path '${path}': unexpected '.' at ${m.index}`);
      expectKey = true;
    }
  }
  if (pos !== path.length || expectKey) throw new Error(`path '${path}': cannot parse at character ${pos}`);
  return segments;
}

type Json = unknown;

function step(
  container: Json,
  seg: PathSegment,
  path: string,
): { parent: Record<string, Json> | Json[]; key: string | number } {
  if ('key' in seg) {
    if (container === null || typeof container !== 'object' || Array.isArray(container)) {
      throw new Error(`path '${path}': '${seg.key}' is not inside an object`);
    }
    return { parent: container as Record<string, Json>, key: seg.key };
  }
  if (!Array.isArray(container)) throw new Error(`path '${path}': selector used on a non-array`);
  if ('index' in seg) {
    if (seg.index >= container.length)
      throw new Error(`path '${path}': index ${seg.index} out of range (${container.length})`);
    return { parent: container, key: seg.index };
  }
  const i = container.findIndex(
    (el) =>
      el !== null && typeof el === 'object' && String((el as Record<string, Json>)[seg.match.key]) === seg.match.value,
  );
  if (i < 0) throw new Error(`path '${path}': no element with ${seg.match.key}=${seg.match.value}`);
  return { parent: container, key: i };
}

/** Reads the value at `path`; throws naming the path when a step does not exist. */
export function getAtPath(root: Json, path: string): Json {
  let cur = root;
  for (const seg of parsePath(path)) {
    const { parent, key } = step(cur, seg, path);
    cur = (parent as Record<string | number, Json>)[key];
    if (cur === undefined) throw new Error(`path '${path}': '${String(key)}' does not exist`);
  }
  return cur;
}

/** Returns a deep copy of `root` with the value at `path` replaced (the last key may be new). */
export function setAtPath<T>(root: T, path: string, value: Json): T {
  const copy = structuredClone(root);
  setAtPathInPlace(copy, path, value);
  return copy;
}

const parsed = new Map<string, PathSegment[]>();

/** Replaces the value at `path` inside `root` itself (callers own `root`: a copy they made). */
export function setAtPathInPlace(root: unknown, path: string, value: Json): void {
  let segs = parsed.get(path);
  if (!segs) {
    segs = parsePath(path);
    // Paths come from a handful of space files: a small cache saves re-parsing them for every run.
    if (parsed.size < 10_000) parsed.set(path, segs);
  }
  const copy = root;
  let cur: Json = copy;
  segs.forEach((seg, i) => {
    const { parent, key } = step(cur, seg, path);
    if (i === segs!.length - 1) {
      (parent as Record<string | number, Json>)[key] =
        value !== null && typeof value === 'object' ? structuredClone(value) : value;
    } else {
      cur = (parent as Record<string | number, Json>)[key];
      if (cur === undefined) throw new Error(`path '${path}': '${String(key)}' does not exist`);
    }
  });
}
