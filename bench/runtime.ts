// Overhead of nursery() against Promise.all for N no-op children. Run: npm run bench:runtime
// Each sample repeats the operation enough times to last ~20 ms; we report the median time per operation
// and its ratio to Promise.all over the same N freshly created promises.
import { all, nursery } from "../runtime/src/index";

const SIZES = [1, 10, 1_000, 100_000];
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 11);
const WARMUP_SAMPLES = 2;
const TARGET_SAMPLE_MS = 20;

async function noop(): Promise<void> {}
async function noopWith(_argument: unknown): Promise<void> {}

type Operation = (size: number) => Promise<unknown>;

const operations: [name: string, operation: Operation][] = [
  ["Promise.all(noop())", (size) => {
    const promises = new Array<Promise<void>>(size);
    for (let i = 0; i < size; i++) promises[i] = noop();
    return Promise.all(promises);
  }],
  ["nursery: spawn(noop)", (size) => nursery((n) => {
    for (let i = 0; i < size; i++) n.spawn(noop);
  })],
  // A fresh closure per child, the usual shape of real code (`n.spawn(() => fetchOne(id))`).
  ["nursery: spawn(() => noop(i))", (size) => nursery((n) => {
    for (let i = 0; i < size; i++) n.spawn(() => noopWith(i));
  })],
  ["all(fns)", (size) => all(new Array(size).fill(noop))],
  // Declaring the parameter gives each child its own AbortSignal (task.cancel()); Node 20 spends ~2.5 µs
  // constructing one, which dominates everything else.
  ["nursery: spawn((signal) => noop(signal))", (size) => nursery((n) => {
    for (let i = 0; i < size; i++) n.spawn((signal) => noopWith(signal));
  })],
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function measure(operation: Operation, size: number): Promise<number> {
  const probeStart = performance.now();
  await operation(size);
  const probe = Math.max(performance.now() - probeStart, 0.001);
  const repetitions = Math.max(1, Math.min(100_000, Math.round(TARGET_SAMPLE_MS / probe)));
  const perOperation: number[] = [];
  for (let sample = 0; sample < WARMUP_SAMPLES + SAMPLES; sample++) {
    const start = performance.now();
    for (let r = 0; r < repetitions; r++) await operation(size);
    if (sample >= WARMUP_SAMPLES) perOperation.push((performance.now() - start) / repetitions);
  }
  return median(perOperation);
}

function format(ms: number): string {
  return ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(2)} µs`;
}

async function main(): Promise<void> {
  console.log(`node ${process.version}; median of ${SAMPLES} samples of ~${TARGET_SAMPLE_MS} ms each\n`);
  const rows: string[][] = [["N", "operation", "median / op", "× Promise.all"]];
  for (const size of SIZES) {
    let baseline = 0;
    for (const [name, operation] of operations) {
      const time = await measure(operation, size);
      if (baseline === 0) baseline = time;
      rows.push([size.toLocaleString("en-US"), name, format(time), (time / baseline).toFixed(2)]);
    }
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join("  ").trimEnd());
}

void main();
