export async function maybeSave(user: User, keep: boolean) {
  const saving = saveUser(user);
  if (keep) {
    await saving;
  }
  log("done");
}
