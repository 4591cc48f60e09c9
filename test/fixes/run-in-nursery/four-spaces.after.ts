import { nursery } from "nursery";

export async function touch(user: User) {
    await nursery(async (n) => {
        n.spawn(() => audit(user));
        if (user.name === "") {
            throw new Error("no name");
        }
        await saveUser(user);
    });
}
