export function saveAll() {
  users.forEach(async (user) => {
    await saveUser(user);
  });
}
