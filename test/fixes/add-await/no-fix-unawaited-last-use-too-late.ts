export async function greet(id: string) {
  const user = fetchUser(id);
  if (!id) return;
  log(`hello ${user}`);
}
