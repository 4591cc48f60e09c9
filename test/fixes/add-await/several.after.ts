export const handler = async (user: User) => {
  await audit(user);
  await saveUser(user);
  for (const other of users) await audit(other);
};
