export async function rank(users: User[]) {
  users.forEach(async (user, position) => {
    await saveUser({ ...user, name: `${position}. ${user.name}` });
  });
}
