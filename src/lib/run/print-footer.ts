import cssesc from 'cssesc';
import { formatDate } from './dates';
import type { Run } from './build-run';

/**
 * The running footer of a printed run ("Northwind Studio · contract ends …  Page 2 of 5") comes from
 * CSS `@page` margin boxes, which Chromium prints with page counters. Their text is a CSS string in a
 * custom property on `:root`, so it is written with cssesc (quotes, backslashes, line breaks escaped),
 * and `<` as `\3c ` so that no value can close the `<style>` element it sits in.
 */
export function cssString(value: string): string {
  return cssesc(value, { quotes: 'double', wrap: true }).replace(/</g, '\\3c ');
}

/** The footer text of a printed run. */
export function printTitle(run: Run, locale: string): string {
  return `${run.client.name} · offboarding · contract ends ${formatDate(run.end, 'medium', locale)}`;
}

/** The `:root` rule that hands the footer text to the print stylesheet. */
export function printTitleCss(run: Run, locale: string): string {
  return `:root{--run-title:${cssString(printTitle(run, locale))}}`;
}
