export class Widget {
  load() {
    void fetchUser("1").then((user) => log(user.name));
  }
}
