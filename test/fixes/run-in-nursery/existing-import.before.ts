import { sleep } from "nursery";

export async function poll(user: User) {
  audit(user);
  await sleep(100);
  await saveUser(user);
}
