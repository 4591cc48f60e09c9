export async function saveAll() {
  await Promise.all(users.map((user) => saveUser(user)));
}
