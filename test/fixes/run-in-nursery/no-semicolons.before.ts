export async function publish(user: User) {
  audit(user)
  await saveUser(user)
  log("published")
}
