export async function save(user: User) {
  await audit(user); // keep this comment
  await saveUser(user);
}
