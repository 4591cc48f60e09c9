// Nursery end-to-end fixture (test/e2e/run.mjs, first use): a folder with no tsconfig.json, no nursery.json and no
// node_modules. A loose file like this one is checked with default options and the default preset.
async function ping(): Promise<number> {
  return 1;
}

export async function main(): Promise<void> {
  ping(); // e2e: loose floating
}
