export async function both(user: User) {
  (audit(user), log("audited"));
}
