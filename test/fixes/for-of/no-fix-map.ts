export async function saveAll(byId: Map<string, User>) {
  byId.forEach(async (user) => {
    await saveUser(user);
  });
}
