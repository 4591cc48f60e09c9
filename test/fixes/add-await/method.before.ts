export class Service {
  async refresh(id: string) {
    fetchUser(id)
      .then((user) => log(user.name));
  }
}
