export async function save(user: User) {
  // Audit first: it may take a while.
  audit(user); // not awaited on purpose?
  await saveUser(user); // the real work
}
