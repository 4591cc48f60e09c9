// JSX `on*` handlers: decided by the prop's type.
export {};

declare global {
  namespace JSX {
    interface Element {}
    interface IntrinsicElements {
      button: { onClick?: (event: MouseEvent) => void; children?: unknown };
      form: { onSubmit?: (event: SubmitEvent) => void; children?: unknown };
      input: { onInput?: (event: Event) => void | Promise<void>; value?: string };
    }
  }
}

declare function refresh(): Promise<void>;
declare function Button(props: { onPress: () => void; label: string }): JSX.Element;
declare function AsyncButton(props: { onPress: () => Promise<void>; label: string }): JSX.Element;
declare function AnyButton(props: { onPress: () => unknown; label: string }): JSX.Element;

export function InvalidClick() {
  return <button onClick={async () => refresh()}>Reload</button>;
  //                      ^^^^^^^^^^^^^^^^^^^^^ misused-promise
}

export function InvalidSubmit() {
  return (
    <form
      onSubmit={async (event) => {
      //        ^^^^^^^^^^^^^^^^^^^ misused-promise
        event.preventDefault();
        await refresh();
      }}
    />
  );
}

export function InvalidComponentProp() {
  return <Button label="Save" onPress={refresh} />;
  //                                   ^^^^^^^ misused-promise
}

// valid: a sync handler that handles the promise
export function ValidSyncHandler() {
  return <button onClick={() => void refresh()}>Reload</button>;
}

// valid: the prop accepts a promise
export function ValidAsyncProp() {
  return <AsyncButton label="Save" onPress={refresh} />;
}

// valid: the prop's result is unknown
export function ValidUnknownProp() {
  return <AnyButton label="Save" onPress={async () => refresh()} />;
}

// valid: the intrinsic prop accepts a promise
export function ValidInputHandler() {
  return <input onInput={async () => refresh()} />;
}
