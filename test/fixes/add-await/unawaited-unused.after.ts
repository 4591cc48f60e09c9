export async function both() {
  const a = fetchUser("a");
  const b = await fetchUser("b"); // started, never awaited
  return await a;
}
