// @unavailable: is a generator
export async function* stream(users: User[]) {
  for (const user of users) {
    audit(user);
    yield user.name;
  }
}
