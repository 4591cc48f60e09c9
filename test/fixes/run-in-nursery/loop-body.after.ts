// A floating call in a loop body: the audits run alongside the save, and now the function waits for them.
import { nursery } from "nursery";

export async function sync(users: User[]) {
  await nursery(async (n) => {
    for (const u of users) n.spawn(() => audit(u));
    await save(users);
  });
}

declare function save(users: User[]): Promise<void>;
