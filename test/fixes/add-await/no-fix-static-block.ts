export class Boot {
  static {
    saveUser(users[0]!);
  }
}
