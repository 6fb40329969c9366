// Loaded only by pages that have a diagram (an SOP's ```mermaid blocks, or a generated process map);
// mermaid itself is fetched on demand, so a page without a diagram ships none of it.
//
// Every diagram renders with securityLevel 'strict': no HTML and no `click` callbacks from diagram
// text. Generated maps still link each task to its SOP: the build lists node id → URL in `data-links`,
// and after rendering we wrap those nodes in SVG <a> elements. The URLs come from our own build, so an
// author's diagram can never produce a link or a script, and we need no second, looser mermaid setup.
//
// The theme follows the site's (re-rendered on `sendoff:theme`); print styles recolour whatever theme
// is on screen (see process-map.css), because a print snapshot cannot wait for an async re-render. A
// diagram that fails shows its source and the error.

interface Diagram {
  source: string;
  block: HTMLPreElement;
  target: HTMLElement;
  links: Record<string, string>;
  generated: boolean;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
let run = 0;

function collect(): Diagram[] {
  return [...document.querySelectorAll<HTMLPreElement>('pre.mermaid')].map((block) => {
    const generated = block.hasAttribute('data-generated');
    let target = block.parentElement?.querySelector<HTMLElement>(':scope > [data-diagram-canvas]') ?? null;
    if (!target) {
      target = document.createElement('figure');
      target.className = 'diagram';
      block.after(target);
    }
    let links: Record<string, string> = {};
    try {
      links = JSON.parse(block.dataset.links ?? '{}') as Record<string, string>;
    } catch {
      links = {};
    }
    return { source: block.textContent ?? '', block, target, links, generated };
  });
}

/** Wraps each listed node in a link. Only same-site paths are accepted. */
function addLinks(svg: SVGSVGElement, links: Record<string, string>): void {
  const prefix = `${svg.id}-flowchart-`;
  for (const node of svg.querySelectorAll<SVGGElement>('g.node')) {
    if (!node.id.startsWith(prefix)) continue;
    const id = node.id.slice(prefix.length).replace(/-\d+$/, '');
    const href = links[id];
    if (!href || !href.startsWith('/') || href.startsWith('//')) continue;
    const anchor = document.createElementNS(SVG_NS, 'a');
    anchor.setAttribute('href', href);
    anchor.setAttribute('class', 'map-link');
    node.replaceWith(anchor);
    anchor.append(node);
  }
}

/** Maps wider than the page are fitted to it, with a button to see them at their natural size (scrolling). */
function addSizeToggle(diagram: Diagram, svg: SVGSVGElement): void {
  const natural = Number.parseFloat(svg.style.maxWidth) || svg.viewBox.baseVal.width;
  const frame = diagram.target;
  frame.querySelector(':scope > .diagram-size')?.remove();
  if (!natural || natural <= frame.clientWidth * 1.15) {
    frame.classList.remove('diagram-zoomed');
    return;
  }
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'diagram-size';
  const apply = (zoomed: boolean) => {
    frame.classList.toggle('diagram-zoomed', zoomed);
    svg.style.width = zoomed ? `${natural}px` : '';
    button.textContent = zoomed ? 'Fit to width' : 'Actual size';
  };
  button.addEventListener('click', () => {
    const zoomed = !frame.classList.contains('diagram-zoomed');
    frame.dataset.zoom = zoomed ? 'actual' : 'fit';
    apply(zoomed);
    // Open the full-size map at its top centre, where a top-down map starts.
    if (zoomed) frame.scrollLeft = (frame.scrollWidth - frame.clientWidth) / 2;
  });
  frame.prepend(button);
  // The whole map first; the reader's choice survives theme re-renders.
  apply(frame.dataset.zoom === 'actual');
}

async function renderAll(diagrams: Diagram[]): Promise<void> {
  const current = ++run;
  const { default: mermaid } = await import('mermaid');
  const dark = document.documentElement.dataset.theme === 'dark';
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    theme: dark ? 'dark' : 'neutral',
    layout: 'dagre',
    // HTML labels (Mermaid's default): they wrap long tasks by themselves, and they are the only kind
    // that turns entity codes (`#34;`) back into characters in subgraph titles too. Under 'strict'
    // Mermaid sanitises them, and our generated labels are escaped (src/lib/maps/process-map.ts).
    fontFamily: getComputedStyle(document.body).fontFamily,
    flowchart: { useMaxWidth: true, wrappingWidth: 170, nodeSpacing: 18, rankSpacing: 32, padding: 8 },
  });
  for (const [index, diagram] of diagrams.entries()) {
    if (current !== run) return;
    const { block, target } = diagram;
    try {
      const { svg } = await mermaid.render(`diagram-${index}-${current}`, diagram.source);
      if (current !== run) return;
      const size = target.querySelector(':scope > .diagram-size');
      target.innerHTML = svg;
      if (size) target.prepend(size);
      target.classList.remove('diagram-error');
      const element = target.querySelector<SVGSVGElement>('svg')!;
      if (diagram.generated) {
        addLinks(element, diagram.links);
      } else {
        target.setAttribute('role', 'img');
        target.setAttribute('aria-label', `Diagram ${index + 1}`);
      }
      addSizeToggle(diagram, element);
      block.hidden = true;
    } catch (error) {
      block.hidden = false;
      target.removeAttribute('role');
      target.textContent = `This diagram could not be drawn: ${error instanceof Error ? error.message : String(error)}`;
      target.classList.add('diagram-error');
    }
  }
}

const diagrams = collect();
if (diagrams.length > 0) {
  void renderAll(diagrams);
  document.addEventListener('sendoff:theme', () => void renderAll(diagrams));
}
