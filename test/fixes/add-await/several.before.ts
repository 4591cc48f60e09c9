export const handler = async (user: User) => {
  audit(user);
  saveUser(user);
  for (const other of users) audit(other);
};
