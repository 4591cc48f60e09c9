export const ready = true;
await saveUser(users[0]!);
