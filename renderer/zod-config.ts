// The page's CSP forbids eval, and zod probes for it (`Function('')`) the first time it parses an
// object, which logs a CSP violation on every page load. Jitless parsing never probes. Imported
// first by main.tsx, before anything that parses.
import { config } from 'zod';

config({ jitless: true });
