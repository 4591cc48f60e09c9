// Imported (as a type) by existing-import: a second import the new one must not disturb.
export interface ResponseLike {
  ok: boolean;
}
