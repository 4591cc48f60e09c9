export async function mark(users: User[]) {
  users.forEach(async function (user) {
    await saveUser({ ...user, name: user.name.toUpperCase() });
  });
  log("marking");
}
