// Nursery end-to-end fixture for `source.fixAll.nursery` on save (test/e2e/run.mjs, step 6). The suite finds lines by
// their `// e2e:` markers. Saving applies the safe fixes only: the unused suppression goes, the caller's signal is
// passed on; the floating call keeps its text (its fixes change behaviour, so they are never applied on save).
import { fetchUser, saveUser, type User } from "./users";

export async function archive(user: User, signal: AbortSignal): Promise<void> {
  // nursery-ignore-next-line floating-promise
  await fetchUser(user.id); // e2e: after unused suppression
  await saveUser(user); // e2e: pass-signal
  fetchUser(user.id); // e2e: unsafe stays
}
