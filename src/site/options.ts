/** Whether client pages are built; `SENDOFF_CLIENTS=off` builds a site without any client data. */
export const CLIENT_PAGES = (process.env.SENDOFF_CLIENTS ?? 'on') !== 'off';
