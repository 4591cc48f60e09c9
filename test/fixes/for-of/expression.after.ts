export const saveAll = async (ids: string[]) => {
  for (const id of ids) await saveUser(await fetchUser(id));
  for (const user of users) await audit(user);
  for (const { id } of users) await fetchUser(id);
};
