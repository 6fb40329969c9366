// The disclosure around an SOP's generated map (SopProcessMap.astro). The inline script beside it has
// already opened it if the reader keeps maps open or the URL points at it; this keeps it in step:
//
// - The reader's own clicks on the summary (Enter and Space click it too) are remembered in this
//   browser: open once, and every SOP's map starts open; close it, and they start closed again. Opening
//   it any other way (a link to the map, printing) is not a choice and is not stored.
// - A link to the map's heading (the table of contents, back and forward) opens it: the heading stays
//   visible in a closed disclosure, so the browser scrolls to it but does not open it by itself.
// - Printing opens it, so the map is on paper whatever the screen shows, and closes it again afterwards.
//
// Opening draws the map: the loader's IntersectionObserver sees it come into view. The loader's script
// (ProcessMap.astro's) comes before this one in the page and module scripts run in document order, so
// its window.print (draw every diagram, then print) is installed first and ours wraps it, opening the
// disclosures before the drawing: the map is drawn where it prints, at the page's width (Chromium lays
// out a closed disclosure's content when asked; a browser that does not would measure the map at no
// width). Importing the loader here instead would split it into a chunk of its own: one more request.
import { MAP_HEADING_ID, pointsAtMap, writeMapChoice } from '../lib/maps/map-disclosure';

const disclosures = [...document.querySelectorAll<HTMLDetailsElement>('details[data-map-disclosure]')];

if (disclosures.length > 0) {
  for (const details of disclosures) {
    details.querySelector(':scope > summary')?.addEventListener('click', (event) => {
      // The click toggles the disclosure after its listeners have run: store the state it is going to.
      if (!event.defaultPrevented) writeMapChoice(() => localStorage, details.open ? 'closed' : 'open');
    });
  }

  const openAll = () => {
    for (const details of disclosures) details.open = true;
  };
  window.addEventListener('hashchange', () => {
    if (pointsAtMap(location.hash)) openAll();
  });
  // A second click on the same link changes no hash: open the map all the same.
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>(`a[href="#${MAP_HEADING_ID}"]`) : null;
    if (link) openAll();
  });

  const openedForPrint = new Set<HTMLDetailsElement>();
  const openForPrint = () => {
    for (const details of disclosures) {
      if (details.open) continue;
      details.open = true;
      openedForPrint.add(details);
    }
  };
  window.addEventListener('beforeprint', openForPrint);
  window.addEventListener('afterprint', () => {
    for (const details of openedForPrint) details.open = false;
    openedForPrint.clear();
  });
  const print = window.print.bind(window);
  window.print = () => {
    openForPrint();
    print();
  };
}
