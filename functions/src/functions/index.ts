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
