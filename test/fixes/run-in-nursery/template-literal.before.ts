export async function report(user: User) {
  audit(user);
  const text = `user:
  ${user.name}
end`;
  log(text);
}
