export async function load(id: string) {
  audit({ id, name: "" });
  const user = await fetchUser(id);
  return user.name;
}
