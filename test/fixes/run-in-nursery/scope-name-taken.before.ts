export async function count(users: User[]) {
  const n = users.length;
  audit(users[0]!);
  log(`${n} users`);
  await saveUser(users[0]!);
}
