export async function save(user: User) {
  audit(user); // keep this comment
  await saveUser(user);
}
