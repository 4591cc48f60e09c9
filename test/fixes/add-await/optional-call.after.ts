export async function insert(user: User) {
  await db.users?.insert(user);
}
