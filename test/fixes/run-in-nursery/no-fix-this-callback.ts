// @unavailable: uses its own `this`
export async function tagAll(users: User[], tagger: { tag: string }) {
  await Promise.all(users.map(async function (this: { tag: string }, user) {
    await saveUser({ ...user, name: `${this.tag} ${user.name}` });
  }, tagger));
}
