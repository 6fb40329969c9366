/**
 * The site's URLs: one place that knows every route, used by pages, navigation, the link rule,
 * the process maps and the integration's injected routes.
 */

/** Page URL helpers: one place that knows the site's routes. */
export const href = {
  home: () => '/',
  sops: () => '/sops/',
  sop: (id: string) => `/sops/${id}/`,
  item: (globalId: string) => {
    const [sop, item] = globalId.split('#');
    return `/sops/${sop}/#item-${item}`;
  },
  emails: () => '/emails/',
  email: (id: string) => `/emails/${id}/`,
  playbooks: () => '/playbooks/',
  playbook: (id: string) => `/playbooks/${id}/`,
  clients: () => '/clients/',
  client: (id: string) => `/clients/${id}/`,
  phase: (id: string) => `/sops/#phase-${id}`,
};
