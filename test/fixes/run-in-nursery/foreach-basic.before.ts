export async function saveAll(users: User[]) {
  users.forEach(async (user) => {
    await saveUser(user);
  });
  log("saving");
}
