export async function finish(user: User) {
  await saveUser(user);
  audit(user);
}
