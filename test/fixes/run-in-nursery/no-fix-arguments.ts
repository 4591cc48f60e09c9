// @unavailable: reads `arguments`
export async function trace(user: User) {
  audit(user);
  log(String(arguments.length));
  await saveUser(user);
}
