declare function isReady(): Promise<boolean>;
export async function poll(ready: Promise<boolean>) {
  while (!ready) log("waiting");
  return !isReady();
}
