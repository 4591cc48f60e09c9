export class Widget {
  load() {
    fetchUser("1").then((user) => log(user.name));
  }
}
