export class Service {
  async refresh(id: string) {
    await fetchUser(id)
      .then((user) => log(user.name));
  }
}
