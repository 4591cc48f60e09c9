export async function greet(id: string) {
  const user = fetchUser(id);
  log("loading");
  log(`hello ${await user}`);
}
