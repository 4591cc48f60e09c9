type Status = "saved" | "skipped";

export async function store(user: User, dryRun: boolean): Promise<Status> {
  audit(user);
  if (dryRun) return "skipped";
  await saveUser(user);
  return "saved";
}
