// Regenerates test/golden/routes.txt from the routes the built app serves.
import { writeFileSync } from 'node:fs';
import { buildApp, routeTable } from '../src/app/build-app.ts';
import { loadConfig } from '../src/app/config.ts';
import { openStore } from '../src/persistence/store.ts';

const store = await openStore({ sqliteFile: ':memory:' });
const app = await buildApp(loadConfig({}, { logLevel: 'silent' }), { store, clockPollMs: 0 });
writeFileSync(new URL('../test/golden/routes.txt', import.meta.url), routeTable(app.routes));
await app.close();
await store.close();
console.log(`${new Set(app.routes.map((r) => `${r.method} ${r.path}`)).size} routes written to test/golden/routes.txt`);
