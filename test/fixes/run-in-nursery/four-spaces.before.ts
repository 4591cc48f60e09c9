export async function touch(user: User) {
    audit(user);
    if (user.name === "") {
        throw new Error("no name");
    }
    await saveUser(user);
}
