import { setFlagsFromString } from 'node:v8';

// How far V8 lets the old generation grow past its live size before the next full collection
// (decision 025). Left to itself, V8 picks a factor of up to 4 when collections are cheap: a
// server holding 50 MB let its heap reach 180 MB while streaming a CSV export, garbage only
// (measured: live size 48–50 MB after every full collection). At 50 % the same export grows the
// process by 5–28 MB instead of 36–97 MB, for more frequent (incremental, mostly concurrent)
// full collections. The flag is read whenever V8 computes its next limit, so setting it at
// start-up takes effect from the first collection on; `node --heap-growing-percent` is refused
// in NODE_OPTIONS, hence here.

/** Applies the setting once per process; 0 leaves V8's own heuristics. */
export function tuneHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${Math.round(percent)}`);
}
