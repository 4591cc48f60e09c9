export async function maybeAudit(user: User) {
  flag ? audit(user) : log("skipped");
}
