import { nursery } from "nursery";

export async function report(user: User) {
  await nursery(async (n) => {
    n.spawn(() => audit(user));
    const text = `user:
  ${user.name}
end`;
    log(text);
  });
}
