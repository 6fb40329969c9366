// Loaded only by pages that have a diagram (an SOP's ```mermaid blocks, or a generated process map);
// mermaid itself (~220 KB gzip, ten times the rest of the page) is fetched only when a diagram is about
// to be seen: when it comes within one screen of the viewport, when the reader asks for it ("Show
// map"), or before printing. A page without a diagram ships none of it, and a reader who never scrolls
// to the map pays for none of it either. An SOP's generated map sits in a disclosure that starts closed
// (src/scripts/map-disclosure.ts): it comes into view, and is drawn, only once the reader opens it.
//
// Every diagram renders with securityLevel 'strict': no HTML and no `click` callbacks from diagram
// text. Generated maps still link each task to its SOP: the build lists node id → URL in `data-links`,
// and after rendering we wrap those nodes in SVG <a> elements. The URLs come from our own build, so an
// author's diagram can never produce a link or a script, and we need no second, looser mermaid setup.
//
// The theme follows the site's (re-rendered on `sendoff:theme`); print styles recolour whatever theme
// is on screen (see process-map.css), because a print snapshot cannot wait for an async re-render. A
// diagram that fails shows its source and the error.
//
// Printing: the browser takes its snapshot right after `beforeprint` and does not wait for a promise,
// so a diagram not drawn yet would print blank. `window.print()` (our print buttons) and Ctrl/Cmd+P
// therefore draw every diagram first and then print; the browser's own menu only gets `beforeprint`,
// which starts drawing: the preview then shows the diagram's source until it is drawn.

interface Diagram {
  /** Position on the page, from 0 (an authored diagram's accessible name counts from 1). */
  index: number;
  source: string;
  block: HTMLPreElement;
  target: HTMLElement;
  links: Record<string, string>;
  generated: boolean;
  /** The theme it was last drawn in (or failed in); undefined until first drawn. */
  drawn?: string;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
let run = 0;

function collect(): Diagram[] {
  return [...document.querySelectorAll<HTMLPreElement>('pre.mermaid')].map((block, index) => {
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
    return { index, source: block.textContent ?? '', block, target, links, generated };
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

/** The smallest text a diagram may be scaled down to, in CSS pixels (the smallest the site prints on screen). */
const MIN_TEXT_PX = 12;

/**
 * Maps wider than the page are fitted to it, but never scaled below MIN_TEXT_PX: past that (a phone) the
 * map keeps a readable size and scrolls inside its own box, never the page. A button shows it at its
 * natural size (scrolling).
 */
function addSizeToggle(diagram: Diagram, svg: SVGSVGElement): void {
  const natural = Number.parseFloat(svg.style.maxWidth) || svg.viewBox.baseVal.width;
  const label = svg.querySelector('.nodeLabel, .cluster-label, text');
  const fontSize = label ? Number.parseFloat(getComputedStyle(label).fontSize) : Number.NaN;
  if (natural && fontSize > MIN_TEXT_PX) svg.style.minWidth = `${Math.ceil((natural * MIN_TEXT_PX) / fontSize)}px`;
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

/** The diagrams the page has asked for so far (near the viewport, opened, or everything for print). */
const wanted = new Set<Diagram>();
const themeName = () => (document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light');

/**
 * Draws every wanted diagram not yet drawn in the current theme, one after another. A newer call (a
 * theme switch, another diagram coming into view) takes over: the older one stops, and the newer one
 * also draws what the older had not reached.
 */
async function renderWanted(): Promise<void> {
  const current = ++run;
  // Mermaid's own bundle, built beside the site rather than by Vite (src/integrations/mermaid-bundle.ts).
  const { default: mermaid } = (await import(/* @vite-ignore */ import.meta.env.SENDOFF_MERMAID as string)) as typeof import('mermaid');
  if (current !== run) return;
  const theme = themeName();
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    theme: theme === 'dark' ? 'dark' : 'neutral',
    layout: 'dagre',
    // HTML labels (Mermaid's default): they wrap long tasks by themselves, and they are the only kind
    // that turns entity codes (`#34;`) back into characters in subgraph titles too. Under 'strict'
    // Mermaid sanitises them, and our generated labels are escaped (src/lib/maps/process-map.ts).
    fontFamily: getComputedStyle(document.body).fontFamily,
    // subGraphTitleMargin: Mermaid 12 puts a dashed group's title on the top edge of the first box
    // inside it unless the title gets room of its own.
    flowchart: { useMaxWidth: true, wrappingWidth: 185, nodeSpacing: 18, rankSpacing: 32, padding: 8, subGraphTitleMargin: { top: 4, bottom: 12 } },
  });
  for (const diagram of [...wanted].sort((a, b) => a.index - b.index)) {
    if (current !== run) return;
    if (diagram.drawn === theme) continue;
    const { block, target, index } = diagram;
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
    diagram.drawn = theme;
  }
}

let drawing: Promise<void> = Promise.resolve();

/** Asks for diagrams to be drawn; resolves once every wanted diagram is drawn in the current theme. */
async function draw(diagrams: Iterable<Diagram>): Promise<void> {
  for (const diagram of diagrams) wanted.add(diagram);
  drawing = renderWanted();
  // A newer call may have taken over: wait for the last one.
  let last: Promise<void>;
  do {
    last = drawing;
    await last;
  } while (last !== drawing);
}

/** The element whose position says a diagram is near: the generated map's part, or the authored block's frame. */
const anchorOf = (diagram: Diagram): Element => (diagram.generated ? (diagram.block.parentElement ?? diagram.target) : diagram.target);

/** The diagrams drawn together with this one: the parts of the same generated map (a phase's SOPs). */
const siblingsOf = (diagram: Diagram): Diagram[] => {
  const figure = diagram.generated ? diagram.block.closest('figure') : null;
  return figure ? diagrams.filter((other) => other.block.closest('figure') === figure) : [diagram];
};

/** A "Show map" button in place of the waiting message: for readers who jump around with the keyboard. */
function addShowButton(diagram: Diagram): void {
  const waiting = diagram.target.querySelector('.diagram-loading');
  if (!waiting) return;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'diagram-show';
  button.textContent = 'Show map';
  button.addEventListener('click', () => {
    const together = siblingsOf(diagram);
    for (const other of together) {
      const show = other.target.querySelector<HTMLButtonElement>('button.diagram-show');
      if (!show) continue;
      show.disabled = true;
      show.textContent = 'Drawing the map…';
    }
    void draw(together);
  });
  waiting.replaceChildren(button);
}

const diagrams = collect();
if (diagrams.length > 0) {
  for (const diagram of diagrams) addShowButton(diagram);
  const byAnchor = new Map(diagrams.map((diagram) => [anchorOf(diagram), diagram]));
  if ('IntersectionObserver' in window) {
    // One screen of margin: a map starts loading while the reader is still a screen away from it.
    const observer = new IntersectionObserver(
      (changes) => {
        const near = changes.filter((change) => change.isIntersecting).map((change) => byAnchor.get(change.target)!);
        for (const diagram of near) observer.unobserve(anchorOf(diagram));
        if (near.length > 0) void draw(near);
      },
      { rootMargin: '100% 0px' },
    );
    for (const anchor of byAnchor.keys()) observer.observe(anchor);
  } else {
    void draw(diagrams);
  }
  document.addEventListener('sendoff:theme', () => {
    if (wanted.size > 0) void draw([]);
  });
  // Printing: see the note at the top.
  const pending = () => diagrams.some((diagram) => diagram.drawn !== themeName());
  window.addEventListener('beforeprint', () => void draw(diagrams));
  const print = window.print.bind(window);
  window.print = () => {
    if (pending()) void draw(diagrams).catch(() => undefined).then(print);
    else print();
  };
  document.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'p' && pending()) {
      event.preventDefault();
      window.print();
    }
  });
}
