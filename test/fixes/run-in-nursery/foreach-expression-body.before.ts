export async function auditAll(users: User[]) {
  users.forEach(async (user) => audit(user));
  await saveUser(users[0]!);
}
