export async function greet(user: User) {
  audit(user).then(() => log("audited"));
  await saveUser(user);
}
