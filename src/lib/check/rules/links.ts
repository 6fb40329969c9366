import didYouMean from 'didyoumean2';
import type { Link } from 'mdast';
import { visit } from 'unist-util-visit';
import { reportAs } from '../catalogue';
import type { Diagnostic } from '../diagnostics';
import { FOLDER_KINDS, folderKindOf, type FolderKindName } from '../../content/kinds';
import { FIXED_PAGES, href } from '../../routes';
import { atBody, sopBodies, type RuleContext } from './context';

/** Every page the content produces, as site paths with a trailing slash. */
export function knownPages(ctx: RuleContext): Set<string> {
  const { library } = ctx;
  return new Set([
    ...FIXED_PAGES,
    ...library.sops.map((sop) => href.sop(sop.id)),
    ...library.emails.map((email) => href.email(email.id)),
    ...library.playbooks.map((playbook) => href.playbook(playbook.id)),
    ...library.clients.map((client) => href.client(client.id)),
  ]);
}

/** The page of an entry of each folder kind, by its id. */
const PAGE_OF: Record<FolderKindName, (id: string) => string> = { sops: href.sop, emails: href.email, playbooks: href.playbook, clients: href.client };

/** The pages of entries that exist but failed their schema: a link to one is right, the entry is not. */
function brokenPages(ctx: RuleContext): Set<string> {
  return new Set(
    [...ctx.invalid].flatMap((entry) => {
      const kind = folderKindOf(entry);
      return kind ? [PAGE_OF[kind](entry.slice(FOLDER_KINDS[kind].folder.length + 1))] : [];
    }),
  );
}

/** A link in an SOP to a site page (`/sops/…/`) must point at a page that exists. */
export async function linkRules(ctx: RuleContext): Promise<Diagnostic[]> {
  const pages = knownPages(ctx);
  const broken = brokenPages(ctx);
  const found: Diagnostic[] = [];
  for (const body of sopBodies(ctx)) {
    if (!('tree' in body)) continue;
    const { file, tree } = body;
    visit(tree, 'link', (node: Link) => {
      if (!node.url.startsWith('/') || node.url.startsWith('//')) return;
      const path = node.url.split(/[?#]/)[0]!;
      const normalised = path.endsWith('/') ? path : `${path}/`;
      if (pages.has(normalised) || broken.has(normalised)) return;
      const suggestion = didYouMean(normalised, [...pages]);
      found.push(
        atBody(ctx, file, node.position?.start.line ?? 1, node.position?.start.column ?? 1, {
          ...reportAs('link'),
          message: `the link to ${node.url} points to no page`,
          hint: suggestion ? `did you mean ${suggestion}?` : `link SOPs as ${href.sop('<id>')} and emails as ${href.email('<id>')}`,
        }),
      );
    });
  }
  return found;
}
