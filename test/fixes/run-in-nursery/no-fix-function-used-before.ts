// @unavailable: `describeUser` is declared in the region and used outside it
export async function show(user: User) {
  const label = () => describeUser(user);
  audit(user);
  log(label());
  function describeUser(u: User) {
    return u.name;
  }
}
