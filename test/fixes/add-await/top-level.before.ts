export const ready = true;
saveUser(users[0]!);
