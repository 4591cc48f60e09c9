// A floating call in a loop body: the audits run alongside the save, and now the function waits for them.
export async function sync(users: User[]) {
  for (const u of users) audit(u);
  await save(users);
}

declare function save(users: User[]): Promise<void>;
