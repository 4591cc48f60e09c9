export const saveAll = async (ids: string[]) => {
  ids.forEach(async (id) => saveUser(await fetchUser(id)));
  users.forEach((user) => audit(user));
  users.forEach(async ({ id }) => await fetchUser(id));
};
