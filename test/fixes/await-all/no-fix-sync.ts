export function saveAll() {
  users.map((user) => saveUser(user));
}
