export {};

async function get(url: string, signal: AbortSignal) {
  return await fetch(url);
}

async function post(url: string, body: string, signal: AbortSignal) {
  await fetch(url, { method: "POST", body });
}

async function put(url: string, body: string, signal: AbortSignal) {
  await fetch(url, {
    method: "PUT",
    body, // the payload
  });
}

async function patch(url: string, signal: AbortSignal) {
  await fetch(url, {
      method: "PATCH"
  });
}

async function empty(url: string, signal: AbortSignal) {
  await fetch(url, {});
}

function listen(button: HTMLButtonElement, signal: AbortSignal) {
  button.addEventListener("click", () => console.log("clicked"));
}
