export async function update(user: User, notify: boolean) {
  if (notify) {
    audit(user);
  }
  await saveUser(user);
}
