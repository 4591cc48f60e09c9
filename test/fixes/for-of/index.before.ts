export async function auditAll() {
  users.forEach(async (user: User, index: number) => {
    log(`${index}`);
    await audit(user);
  });
}
