import { nursery } from "nursery";

type Status = "saved" | "skipped";

export async function store(user: User, dryRun: boolean): Promise<Status> {
  return await nursery<Status>(async (n) => {
    n.spawn(() => audit(user));
    if (dryRun) return "skipped";
    await saveUser(user);
    return "saved";
  });
}
