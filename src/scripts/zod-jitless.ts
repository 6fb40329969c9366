import { z } from 'astro/zod';

/**
 * Import first in any page script that parses with the schemas. Zod probes whether it may compile
 * parsers with `new Function`; under the pages' Content-Security-Policy (no `'unsafe-eval'`) the probe
 * is refused and reported as a violation. Jitless, zod never asks: it parses the same, without compiling.
 */
z.config({ jitless: true });
