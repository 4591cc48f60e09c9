export {};

// The third argument is a boolean: there is no options literal to add `signal` to.
function listen(button: HTMLButtonElement, signal: AbortSignal) {
  button.addEventListener("click", () => console.log("clicked"), true);
}
