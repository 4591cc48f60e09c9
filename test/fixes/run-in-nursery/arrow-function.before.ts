export const archive = async (user: User) => {
  audit(user);
  await saveUser({ ...user, name: `${user.name} (archived)` });
};
