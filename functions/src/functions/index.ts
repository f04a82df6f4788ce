import { app } from "@azure/functions";
import { withServices } from "../http/handler";
import { ROUTES } from "../routes";
import { getServices } from "../services";

// Read the settings now, so that a missing setting, or dev mode in production,
// stops the app at start-up instead of failing its first request.
getServices();

// Big evaluate answers are written as they are produced (see handlers/evaluate.ts).
app.setup({ enableHttpStream: true });

for (const route of ROUTES) {
  app.http(route.name, {
    methods: [route.method],
    route: route.route,
    authLevel: "anonymous",
    handler: withServices(route.handler, getServices),
  });
}

// Once the app has started, and without delaying it (Flex Consumption gives an app 30 s, and
// nothing slow runs at load): the helper thread for big evaluate batches and a worker that has
// loaded exceljs, so that the first big request is not the one that pays for them, and the
// first check of storage for health.
app.hook.appStart(() => {
  setImmediate(() => {
    const services = getServices();
    services.workbooks
      .warm()
      .catch((error: unknown) => console.warn(`workbook pool: ${String(error)}`));
    void services.evaluateHelper.warm();
    // Health reports storage as last checked; the first check starts now, not at the first probe.
    void services.storageStatus.refresh();
  });
});
