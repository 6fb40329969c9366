import type { IsoDate } from '../../schemas/common';
import { EXPORT_FORMAT_IDS, EXPORT_FORMATS } from '../exports/formats';
import type { Library } from '../content/library';
import { progressStorageKey } from './progress-keys';
import type { ExportLink, RunHtmlOptions } from './run-html';
import { absoluteUrl, exportFilename, href } from '../routes';

/** What a client page (at build) and the generator (in the browser) pass to `renderRunHtml`. */

/** A client page's address: absolute when the company gives the site's (`company.site`), else the path. */
export function clientRunUrl(library: Library, clientId: string): string {
  return absoluteUrl(href.client(clientId), library.company.site);
}

/** Links to a client's export files, written next to its page. */
export function clientExportLinks(clientId: string): ExportLink[] {
  return EXPORT_FORMAT_IDS.map((format) => {
    const filename = exportFilename(clientId, format);
    return { format, label: EXPORT_FORMATS[format].label, href: href.clientExport(clientId, format), filename };
  });
}

/** The rendering options every run shares; the caller adds where ticks are kept and the exports. */
export function runHtmlOptions(
  library: Library,
  today: IsoDate,
  extra: Pick<RunHtmlOptions, 'storageKey' | 'exports'>,
): RunHtmlOptions {
  const { company } = library;
  return { locale: company.locale, today, calendar: company, timeZone: company.timezone, itemHref: href.item, ...extra };
}

/** Options for a client page. */
export function clientRunHtmlOptions(library: Library, clientId: string, today: IsoDate): RunHtmlOptions {
  return {
    ...runHtmlOptions(library, today, { storageKey: progressStorageKey('client', clientId), exports: clientExportLinks(clientId) }),
    record: true,
    personHref: href.person,
  };
}
