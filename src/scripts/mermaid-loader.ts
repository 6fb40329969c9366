// Loaded only by pages that have a diagram; mermaid itself is fetched on demand, so a page without a
// diagram ships none of it. Re-renders when the theme changes; a broken diagram shows its source.
const blocks = [...document.querySelectorAll<HTMLPreElement>('pre.mermaid')];
const sources = blocks.map((block) => block.textContent ?? '');
let run = 0;

async function renderAll(): Promise<void> {
  const current = ++run;
  const { default: mermaid } = await import('mermaid');
  const dark = document.documentElement.dataset.theme === 'dark';
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    theme: dark ? 'dark' : 'neutral',
    layout: 'dagre',
    flowchart: { useMaxWidth: true, htmlLabels: false },
  });
  for (const [index, block] of blocks.entries()) {
    if (current !== run) return;
    let target = block.nextElementSibling as HTMLElement | null;
    if (!target?.classList.contains('diagram')) {
      target = document.createElement('figure');
      target.className = 'diagram';
      block.after(target);
    }
    try {
      const { svg } = await mermaid.render(`diagram-${index}-${current}`, sources[index]!);
      target.innerHTML = svg;
      target.setAttribute('role', 'img');
      target.setAttribute('aria-label', `Process map ${index + 1}`);
      block.hidden = true;
    } catch (error) {
      block.hidden = false;
      target.removeAttribute('role');
      target.textContent = `This diagram could not be drawn: ${error instanceof Error ? error.message : String(error)}`;
      target.classList.add('diagram-error');
    }
  }
}

if (blocks.length > 0) {
  void renderAll();
  document.addEventListener('sendoff:theme', () => void renderAll());
}
