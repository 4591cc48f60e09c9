export async function insert(user: User) {
  db.users?.insert(user);
}
