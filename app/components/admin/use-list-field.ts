import { useState } from "react";
import type { FieldArray, FieldArrayPath, FieldValues, UseFormReturn } from "react-hook-form";

// A list the admin grows and shrinks (red flags, a flag's caps, variants), kept in the form's values
// with a stable key per item, so React moves an item's inputs with it when one before it goes.
// Not react-hook-form's useFieldArray: the browser build puts react-hook-form in one chunk with
// everything any page uses from it, so useFieldArray (about 1.9 KB gzipped) would ride along on
// every form page (the scorecard's first bundle among them) for this one editor.
// The list changes only through `append` and `remove` (the editor never resets its form: a saved
// version reloads the page), so its keys are state here and typing in an item re-renders nothing.

let lastKey = 0;
const newKey = () => `item-${++lastKey}`;

export function useListField<T extends FieldValues, N extends FieldArrayPath<T>>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any context and output types: only the values are touched
  form: UseFormReturn<T, any, any>,
  name: N,
) {
  type Item = FieldArray<T, N>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- N is an array path of T; getValues' and setValue's overloads cannot see it
  const path = name as any;
  const current = () => (form.getValues(path) ?? []) as Item[];
  const [keys, setKeys] = useState(() => current().map(() => newKey()));
  const put = (next: Item[]) => {
    form.setValue(path, next as never, { shouldDirty: true });
    // After a first submit the form checks itself on every change: a removed item's errors go with it.
    if (form.formState.isSubmitted) void form.trigger();
  };
  return {
    keys,
    append: (item: Item) => {
      setKeys((was) => [...was, newKey()]);
      put([...current(), item]);
    },
    remove: (index: number) => {
      setKeys((was) => was.filter((_, i) => i !== index));
      put(current().filter((_, i) => i !== index));
    },
  };
}
