export async function touch(user: User) {
  const auditing = audit(user);
  await saveUser(user);
}
