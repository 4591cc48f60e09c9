export async function both(user: User) {
  await (audit(user), log("audited"));
}
