export class Sync {
  async run(id: string) {
    const saving = flag ? saveUser({ id, name: id }) : audit({ id, name: id });
    log(id);
  }
}
