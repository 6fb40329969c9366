/**
 * Whether client pages (and their exports) are built. `SENDOFF_CLIENT_PAGES=off` builds a site with no
 * client data at all, for a wider audience.
 */
export const CLIENT_PAGES = (process.env.SENDOFF_CLIENT_PAGES ?? 'on') !== 'off';
