export async function saveAll() {
  // Save one after another.
  for (const user of users) {
    await saveUser(user); // keep this comment
    log(user.name);
  }
  log("done");
}
