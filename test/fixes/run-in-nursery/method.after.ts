import { nursery } from "nursery";

export class Accounts {
  private readonly log: string[] = [];

  async rename(user: User, name: string) {
    await nursery(async (n) => {
      n.spawn(() => this.notify(user));
      user.name = name;
      await saveUser(user);
      this.log.push(`renamed ${user.id}`);
    });
  }

  private async notify(user: User): Promise<void> {
    await audit(user);
  }
}
