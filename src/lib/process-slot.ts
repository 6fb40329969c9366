/**
 * A value shared by every copy of a module in this process. Astro runs the integration and the
 * content loaders and pages in separate module graphs (Node's, then Vite's), so a module-level
 * variable would exist twice; a slot lives on `globalThis`, under a registered symbol (`sendoff.<name>`).
 * Used for the parsed-content memo, the SOP bodies the pre-flight starts rendering, and the client pool.
 */
export interface ProcessSlot<T> {
  get(): T | undefined;
  /** Stores a value, or empties the slot with `undefined`. */
  set(value: T | undefined): void;
}

export function processSlot<T>(name: string): ProcessSlot<T> {
  const key = Symbol.for(`sendoff.${name}`);
  const holder = globalThis as unknown as Record<symbol, T | undefined>;
  return {
    get: () => holder[key],
    set: (value) => {
      if (value === undefined) delete holder[key];
      else holder[key] = value;
    },
  };
}
