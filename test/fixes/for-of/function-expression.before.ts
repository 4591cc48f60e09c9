export class Importer {
  async run(batch: readonly User[]) {
    batch.forEach(async function (user) {
      await saveUser(user);
    });
  }
}
