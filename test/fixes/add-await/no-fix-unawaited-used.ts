export async function early(id: string) {
  const user = fetchUser(id);
  if (!id) return;
  log((await user).name);
}
