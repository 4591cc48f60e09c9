export function save(user: User) {
  void audit(user);
  log("started");
}
