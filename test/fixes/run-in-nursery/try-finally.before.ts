export async function guarded(user: User) {
  try {
    audit(user);
    await saveUser(user);
  } finally {
    log("done");
  }
}
