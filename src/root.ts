import { fileURLToPath } from 'node:url';

/**
 * The package root. This file sits directly in src/ (and, built, in dist/), one level below the root, so SQL,
 * schemas and templates resolve from either. Keep it here: moving it deeper changes what '../' means.
 */
export const packageRoot = fileURLToPath(new URL('../', import.meta.url));
