export async function auditAll() {
  await Promise.all(users.map(async (user) => {
    await audit(user);
  }));
}
