import { describe, it, expect, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { routeTable } from '../../src/app/build-app.ts';
import { testApp, type TestApp } from '../harness/app.ts';

describe('golden route table', () => {
  let app: TestApp;
  afterAll(() => app?.close());
  it('test/golden/routes.txt lists exactly the routes the app serves (run `npm run routes:golden` after adding one)', async () => {
    app = await testApp();
    expect(routeTable(app.routes)).toBe(readFileSync(new URL('../golden/routes.txt', import.meta.url), 'utf8'));
  });
});
