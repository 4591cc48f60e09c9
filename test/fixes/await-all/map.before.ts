export async function auditAll() {
  users.map(async (user) => {
    await audit(user);
  });
}
