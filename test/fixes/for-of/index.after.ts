export async function auditAll() {
  for (const [index, user] of users.entries()) {
    log(`${index}`);
    await audit(user);
  }
}
