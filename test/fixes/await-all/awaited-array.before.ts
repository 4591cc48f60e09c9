export async function saveAll() {
  await users.map((user) => saveUser(user));
}
