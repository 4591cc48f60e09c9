export async function saveSome() {
  users.forEach(async (user) => {
    if (!user.name) return;
    await saveUser(user);
  });
}
