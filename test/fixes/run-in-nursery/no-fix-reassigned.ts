// @unavailable: is re-assigned
export async function retry(user: User) {
  let saving = saveUser(user);
  saving = saveUser({ ...user, name: "again" });
  await saving;
}
