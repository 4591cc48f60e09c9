export {};

async function get(url: string, signal: AbortSignal) {
  return await fetch(url, { signal });
}

async function post(url: string, body: string, signal: AbortSignal) {
  await fetch(url, { method: "POST", body, signal });
}

async function put(url: string, body: string, signal: AbortSignal) {
  await fetch(url, {
    method: "PUT",
    body,
    signal, // the payload
  });
}

async function patch(url: string, signal: AbortSignal) {
  await fetch(url, {
      method: "PATCH",
      signal
  });
}

async function empty(url: string, signal: AbortSignal) {
  await fetch(url, { signal });
}

function listen(button: HTMLButtonElement, signal: AbortSignal) {
  button.addEventListener("click", () => console.log("clicked"), { signal });
}
