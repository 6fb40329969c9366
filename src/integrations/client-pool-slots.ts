/**
 * Who has a client, in the array the build's client-page worker and the client routes share (one slot
 * per client, in the library's order): whoever turns a free slot into its own first renders that client.
 */
export const CLAIM = { free: 0, worker: 1, page: 2, done: 3 } as const;
