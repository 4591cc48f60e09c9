export async function saveAll() {
  // Save one after another.
  users.forEach(async (user) => {
    await saveUser(user); // keep this comment
    log(user.name);
  });
  log("done");
}
