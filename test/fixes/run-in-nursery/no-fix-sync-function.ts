// @unavailable: is not async
export function rename(user: User, name: string) {
  audit(user);
  user.name = name;
}
