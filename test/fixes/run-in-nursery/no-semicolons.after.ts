import { nursery } from "nursery"

export async function publish(user: User) {
  await nursery(async (n) => {
    n.spawn(() => audit(user))
    await saveUser(user)
    log("published")
  })
}
