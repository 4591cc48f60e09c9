export function save(user: User) {
  audit(user);
  log("started");
}
