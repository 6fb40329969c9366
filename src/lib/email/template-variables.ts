import { Liquid } from 'liquidjs';

const analyser = new Liquid();

/**
 * The variables a template reads, as dotted paths (`client.name`, `outstanding.invoices`), sorted.
 * Loop variables (`invoice.amount` inside `for invoice in …`) are not global and are left out.
 */
export function templateVariables(source: string): string[] {
  const analysis = analyser.analyzeSync(analyser.parse(source));
  return Object.values(analysis.globals)
    .flat()
    .map((variable) => variable.segments.filter((segment) => typeof segment === 'string' || typeof segment === 'number').join('.'))
    .filter((name, index, all) => name && all.indexOf(name) === index)
    .sort();
}
