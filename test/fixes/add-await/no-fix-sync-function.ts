export function save(user: User) {
  audit(user);
}
