export function maybeAudit(user: User) {
  void (flag ? audit(user) : undefined);
}
