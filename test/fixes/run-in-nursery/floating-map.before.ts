export async function index(users: User[]) {
  users.map(async (user) => {
    await audit(user);
  });
  log("indexing");
}
