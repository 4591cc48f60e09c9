export function maybeAudit(user: User) {
  flag ? audit(user) : undefined;
}
