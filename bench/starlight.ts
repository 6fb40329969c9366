import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';

/** Frontmatter is the block between the first two `---` lines; its YAML goes to the yaml package. */
const FRONTMATTER = /^---\n([\s\S]*?)\n---\n/;

/**
 * Writes a plain Astro Starlight site into `dir` with the same SOP bodies as a generated Sendoff corpus
 * (`corpusDir/sops/*.mdx`): each SOP becomes a Starlight page with its title and summary, and its body
 * unchanged, diagram fences included (Starlight shows them as code). Starlight's defaults throughout,
 * so its sidebar lists every page and its search is Pagefind, as a team adopting it would get.
 * Starlight is a dev dependency of this repository, used only here.
 */
export async function writeStarlightSite(dir: string, corpusDir: string): Promise<number> {
  await rm(dir, { recursive: true, force: true });
  const docs = join(dir, 'src/content/docs');
  await mkdir(join(docs, 'sops'), { recursive: true });
  // Astro finds integrations' components to compile through the project's dependencies, and the
  // packages themselves by walking up to this repository's node_modules (a symlinked node_modules
  // breaks Starlight's styles under Astro 7.3), so `dir` must lie inside the repository.
  if (relative(resolve('.'), resolve(dir)).startsWith('..')) throw new Error(`${dir}: the Starlight site must be inside ${resolve('.')}`);
  const dependencies = { '@astrojs/starlight': '*', astro: '*' };
  await writeFile(join(dir, 'package.json'), `${JSON.stringify({ name: 'starlight-bench', private: true, type: 'module', dependencies }, null, 2)}\n`);
  await writeFile(
    join(dir, 'astro.config.mjs'),
    `import { defineConfig } from 'astro/config';\nimport starlight from '@astrojs/starlight';\n\nexport default defineConfig({ integrations: [starlight({ title: 'Offboarding' })] });\n`,
  );
  await writeFile(
    join(dir, 'src/content.config.ts'),
    `import { defineCollection } from 'astro:content';\nimport { docsLoader } from '@astrojs/starlight/loaders';\nimport { docsSchema } from '@astrojs/starlight/schema';\n\nexport const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };\n`,
  );
  await writeFile(join(docs, 'index.mdx'), `---\ntitle: Offboarding\ndescription: Every SOP.\n---\n\nStart from the sidebar.\n`);

  const files = (await readdir(join(corpusDir, 'sops'))).filter((file) => file.endsWith('.mdx')).sort();
  for (const file of files) {
    const source = await readFile(join(corpusDir, 'sops', file), 'utf8');
    const match = FRONTMATTER.exec(source);
    if (!match) throw new Error(`${file}: no frontmatter`);
    const { title, summary } = parseYaml(match[1]!) as { title: string; summary: string };
    const body = source.slice(match[0].length);
    await writeFile(join(docs, 'sops', file), `---\n${stringifyYaml({ title, description: summary })}---\n${body}`);
  }
  return files.length;
}
