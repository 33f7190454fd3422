// The SSL area of the Openprovider face (15 operations: products, approver emails, CSR, orders), registered by one
// line in plugin.ts.
import type { RegisterArea } from './area.ts';
import { sslProductRoutes } from './ssl-products.ts';
import { sslCsrRoutes } from './ssl-csr.ts';
import { sslOrderRoutes } from './ssl-orders.ts';

export const sslRoutes: RegisterArea = (app, ctx) => {
  sslProductRoutes(app, ctx);
  sslCsrRoutes(app, ctx);
  sslOrderRoutes(app, ctx);
};
