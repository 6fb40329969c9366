import { Liquid } from 'liquidjs';

const analyser = new Liquid();

/**
 * The variables a template reads, as dotted paths (`client.name`, `outstanding.invoices`), a task's
 * date as it is written (`dates["pay#invoice"]`, its id holds `#` and `-`), sorted. Loop variables
 * (`invoice.amount` inside `for invoice in …`) are not global and are left out.
 */
export function templateVariables(source: string): string[] {
  const analysis = analyser.analyzeSync(analyser.parse(source));
  return Object.values(analysis.globals)
    .flat()
    .map((variable) => variable.segments.filter((segment) => typeof segment === 'string' || typeof segment === 'number'))
    .map((segments) => (segments[0] === 'dates' && segments.length > 1 ? `dates[${JSON.stringify(String(segments[1]))}]` : segments.join('.')))
    .filter((name, index, all) => name && all.indexOf(name) === index)
    .sort();
}
