declare function isReady(): Promise<boolean>;
export async function poll(ready: Promise<boolean>) {
  while (!await ready) log("waiting");
  return !await isReady();
}
