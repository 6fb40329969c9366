import { defineCollection } from 'astro:content';
import { folderLoader, settingsLoader } from './loaders/content';

// Wiring only: every file is listed, parsed and validated by src/lib/content (the pipeline `check`
// uses), so the collections carry no schema of their own and Astro derives no ids.
export const collections = {
  sops: defineCollection({ loader: folderLoader('sops') }),
  emails: defineCollection({ loader: folderLoader('emails') }),
  playbooks: defineCollection({ loader: folderLoader('playbooks') }),
  clients: defineCollection({ loader: folderLoader('clients') }),
  settings: defineCollection({ loader: settingsLoader() }),
};
