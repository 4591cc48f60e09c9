export async function maybeAudit(user: User) {
  await (flag && audit(user));
}
