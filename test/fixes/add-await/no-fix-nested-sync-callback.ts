export async function later(user: User) {
  setTimeout(() => {
    audit(user);
  }, 10);
}
