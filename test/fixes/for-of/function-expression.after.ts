export class Importer {
  async run(batch: readonly User[]) {
    for (const user of batch) {
      await saveUser(user);
    }
  }
}
