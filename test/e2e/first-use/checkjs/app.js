// Nursery end-to-end fixture (test/e2e/run.mjs, first use): JavaScript in a `checkJs` project (./tsconfig.json),
// configured by ./nursery.json (preset "strict", which adds leaky-all).
/** @returns {Promise<string>} */
async function load() {
  return "x";
}

/**
 * @param {string} id
 * @param {AbortSignal} [signal]
 * @returns {Promise<string>}
 */
async function fetchName(id, signal) {
  signal?.throwIfAborted();
  return id;
}

export async function run() {
  load(); // e2e: js floating
}

export async function both() {
  return Promise.all([fetchName("a"), fetchName("b")]); // e2e: strict preset
}
