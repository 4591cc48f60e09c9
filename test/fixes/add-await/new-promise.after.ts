export async function pause() {
  await new Promise<void>((resolve) => setTimeout(resolve, 10));
}
