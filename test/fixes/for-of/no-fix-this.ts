export class Saver {
  prefix = "user";
  async saveAll() {
    users.forEach(async function (this: Saver, user) {
      log(this.prefix);
      await saveUser(user);
    }, this);
  }
}
