export async function pause() {
  new Promise<void>((resolve) => setTimeout(resolve, 10));
}
