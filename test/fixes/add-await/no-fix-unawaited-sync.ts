export function start(id: string) {
  const user = fetchUser(id);
  log(id);
}
