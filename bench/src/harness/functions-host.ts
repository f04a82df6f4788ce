import { randomUUID } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import Module from "node:module";
import { compileRoutes, type FunctionMetadata, match, precedence } from "./functions-host-routes";

/**
 * A stand-in for the Azure Functions host and its Node.js worker, for a built function app
 * folder (the package `npm run package` makes). The real ones cannot run here (Core Tools
 * download the host at install), so this does what their public sources say they do:
 *
 * - the worker (Azure/azure-functions-nodejs-worker): `setupCoreModule.ts` provides the module
 *   `@azure/functions-core` by intercepting `require`; `startApp.ts` loads every file that
 *   package.json's `main` glob matches, then runs the `appStart` hooks; the programming model's
 *   `getCapabilities` starts the library's HTTP proxy (`HttpUri`) when the app enabled HTTP
 *   streams; `InvocationHandler.ts` runs an invocation as getInvocationModel → getArguments →
 *   preInvocation hooks → invokeFunction → postInvocation hooks → getResponse;
 * - the host (Azure/azure-functions-host, with HTTP streaming): routes a request by the
 *   registered route templates under host.json's `extensions.http.routePrefix` (ASP.NET route
 *   templates: literal segments case-insensitive, `{name}`, `{name:int}` an Int32), answers an
 *   unknown path or method with its own empty 404, and forwards the raw request to the worker's
 *   proxy with `x-ms-invocation-id`, `x-forwarded-host` and `x-forwarded-proto` while the
 *   invocation request carries the headers and route parameters as trigger metadata; the answer
 *   is the proxy's, passed on as it streams. A function that fails is the host's empty 500.
 * - the platform's CORS (App Service CORS, which answers preflights itself and takes
 *   precedence over the app's own): `--cors <origin,...>`.
 *
 * Stricter where it can be: a `main` pattern other than a file or a `*` in its last segment is
 * refused, a second function with one name is refused, and an answer that breaks after its first
 * byte is cut off at once rather than left hanging.
 *
 * Run: node functions-host.js <app folder> [--port N] [--cors origin,...]
 * Prints "Functions host stand-in ready at http://127.0.0.1:<port>/api (started in N ms)".
 */

type Callback = (...args: unknown[]) => unknown;
type HookCallback = (context: Record<string, unknown>) => unknown;
interface InvocationModel {
  getArguments(): Promise<{ context: unknown; inputs: unknown[] }>;
  invokeFunction(context: unknown, inputs: unknown[], callback: Callback): Promise<unknown>;
  getResponse(context: unknown, result: unknown): Promise<unknown>;
}
interface ProgrammingModel {
  name: string;
  version: string;
  getInvocationModel(coreContext: unknown): InvocationModel;
  getCapabilities(capabilities: Record<string, string>): Promise<Record<string, string>>;
}

const HOST_VERSION = "4.1040.0"; // reported to the library; HTTP streams need ≥ 4.28
const MAX_BODY_BYTES = Number(process.env.FUNCTIONS_REQUEST_BODY_SIZE_LIMIT ?? 104_857_600);

const functions = new Map<string, { metadata: FunctionMetadata; callback: Callback }>();
const hooks = new Map<string, HookCallback[]>();
let programmingModel: ProgrammingModel | undefined;
let indexingLocked = false;
const appHookData: Record<string, unknown> = {};

function log(level: string, category: string, message: string, invocationId?: string): void {
  const line = `[${level}] ${invocationId ? `(${invocationId}) ` : ""}${message}\n`;
  (level === "error" || level === "critical" ? process.stderr : process.stdout).write(
    category === "system" && level === "debug" ? "" : line
  );
}

class Disposable {
  constructor(private readonly onDispose: () => void) {}
  dispose(): void {
    this.onDispose();
  }
}

/** The worker's `@azure/functions-core`, as `setupCoreModule.ts` builds it. */
const coreApi = {
  version: "3.12.0",
  hostVersion: HOST_VERSION,
  registerHook(name: string, callback: HookCallback): Disposable {
    const list = hooks.get(name) ?? [];
    list.push(callback);
    hooks.set(name, list);
    return new Disposable(() => list.splice(list.indexOf(callback), 1));
  },
  setProgrammingModel(model: ProgrammingModel): void {
    programmingModel = model;
  },
  getProgrammingModel: (): ProgrammingModel | undefined => programmingModel,
  log: (level: string, category: string, message: string) => log(level, category, message),
  registerFunction(metadata: FunctionMetadata, callback: Callback): Disposable {
    if (indexingLocked) throw new Error("A function can only be registered during app startup.");
    const id = metadata.functionId ?? metadata.name;
    if (functions.has(id))
      throw new Error(`A function with id "${id}" has already been registered.`);
    functions.set(id, { metadata, callback });
    return new Disposable(() => functions.delete(id));
  },
  Disposable,
};

function provideCoreModule(): void {
  const original = Module.prototype.require;
  Module.prototype.require = new Proxy(original, {
    apply(target, thisArg, args: unknown[]) {
      if (args[0] === "@azure/functions-core") return coreApi;
      return Reflect.apply(target, thisArg, args);
    },
  });
}

/** The files `main` names: a file, or `*` in the last segment (e.g. dist/functions/*.js). */
function entryPoints(appDir: string, main: string): string[] {
  const folder = path.posix.dirname(main);
  const name = path.posix.basename(main);
  if (folder.includes("*")) throw new Error(`main "${main}": only the last segment may hold *`);
  if (!name.includes("*")) return [path.join(appDir, main)];
  const pattern = new RegExp(
    `^${name
      .split("*")
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join("[^/]*")}$`
  );
  const files = readdirSync(path.join(appDir, folder))
    .filter((file) => pattern.test(file))
    .sort();
  if (files.length === 0)
    throw new Error(`Found zero files matching the supplied pattern "${main}"`);
  return files.map((file) => path.join(appDir, folder, file));
}

async function runHooks(name: string, context: Record<string, unknown>): Promise<void> {
  for (const callback of hooks.get(name) ?? []) await callback(context);
}

function corsHeaders(origin: string | undefined, allowed: string[]): Record<string, string> {
  if (!origin || !(allowed.includes("*") || allowed.includes(origin))) return {};
  return { "access-control-allow-origin": origin, vary: "Origin" };
}

async function main(): Promise<void> {
  const started = performance.now();
  const args = process.argv.slice(2);
  const appDir = path.resolve(args[0] ?? ".");
  const option = (name: string): string | undefined => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const cors = (option("--cors") ?? "")
    .split(",")
    .map((origin) => origin.trim())
    .filter(Boolean);
  const hostJson = JSON.parse(readFileSync(path.join(appDir, "host.json"), "utf8")) as {
    extensions?: { http?: { routePrefix?: string } };
  };
  const prefix = (hostJson.extensions?.http?.routePrefix ?? "api").replace(/^\/|\/$/g, "");
  const packageJson = JSON.parse(readFileSync(path.join(appDir, "package.json"), "utf8")) as {
    main?: string;
  };
  if (!packageJson.main) throw new Error(`${appDir}/package.json has no main`);

  provideCoreModule();
  process.chdir(appDir);
  const load = Module.createRequire(path.join(appDir, "package.json"));
  for (const file of entryPoints(appDir, packageJson.main)) load(file);
  await runHooks("appStart", { hookData: {}, appHookData, functionAppDirectory: appDir });
  const model = programmingModel;
  if (!model) throw new Error("the app set no programming model (is @azure/functions installed?)");
  indexingLocked = true;
  const capabilities = await model.getCapabilities({});
  const proxy = capabilities.HttpUri ? new URL(capabilities.HttpUri) : undefined;
  const routes = compileRoutes(functions).sort((a, b) =>
    precedence(a).localeCompare(precedence(b))
  );

  const server = http.createServer((request, response) => {
    void serve(request, response).catch((error: unknown) => {
      log("error", "system", `host failed: ${String(error)}`);
      if (response.headersSent) response.destroy();
      else response.writeHead(500).end();
    });
  });

  async function serve(
    request: http.IncomingMessage,
    response: http.ServerResponse
  ): Promise<void> {
    const origin = request.headers.origin;
    const method = (request.method ?? "GET").toUpperCase();
    const cross = corsHeaders(origin, cors);
    if (
      cors.length > 0 &&
      method === "OPTIONS" &&
      request.headers["access-control-request-method"]
    ) {
      // The platform answers a preflight itself, for an allowed origin only.
      response.writeHead(204, {
        ...cross,
        ...(cross["access-control-allow-origin"]
          ? {
              "access-control-allow-methods": String(
                request.headers["access-control-request-method"]
              ),
              "access-control-allow-headers": String(
                request.headers["access-control-request-headers"] ?? ""
              ),
            }
          : {}),
      });
      response.end();
      return;
    }
    // The request target as Kestrel reads it: a path ("//" included: an origin-form path, not a
    // host) or an absolute URL; anything else (such as `*`) is its empty 400.
    const target = request.url ?? "/";
    const url = URL.canParse(target.startsWith("/") ? `http://host${target}` : target)
      ? new URL(target.startsWith("/") ? `http://host${target}` : target)
      : undefined;
    if (url === undefined) {
      response.writeHead(400, { ...cross, "content-length": "0" }).end();
      return;
    }
    // One trailing slash is ignored, as ASP.NET routing ignores it.
    const parts = url.pathname.replace(/^\/+/, "").replace(/\/$/, "").split("/");
    const found =
      parts[0].toLowerCase() === prefix.toLowerCase()
        ? routes
            .map((route) => ({ route, params: match(route, parts.slice(1)) }))
            .find(({ route, params }) => params !== undefined && route.methods.includes(method))
        : undefined;
    if (!found?.params) {
      response.writeHead(404, { ...cross, "content-length": "0" }).end();
      return;
    }
    const declared = Number(request.headers["content-length"] ?? "0");
    if (declared > MAX_BODY_BYTES) {
      response.writeHead(413, { ...cross, "content-length": "0" }).end();
      request.resume();
      return;
    }
    const registered = functions.get(found.route.id);
    if (!registered || !proxy || !model) throw new Error("not loaded");
    const invocationId = randomUUID();
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [
        name,
        Array.isArray(value) ? value.join(", ") : (value ?? ""),
      ])
    );
    const triggerMetadata: Record<string, unknown> = {
      Headers: { json: JSON.stringify(headers) },
      Query: { json: JSON.stringify(Object.fromEntries(url.searchParams)) },
    };
    for (const [name, value] of Object.entries(found.params))
      triggerMetadata[name] = { string: value };

    // The raw request goes to the worker's proxy, beside the invocation.
    const forwarded = http.request({
      host: proxy.hostname === "localhost" ? "127.0.0.1" : proxy.hostname,
      port: proxy.port,
      method,
      path: `${url.pathname}${url.search}`,
      headers: {
        ...request.headers,
        "x-ms-invocation-id": invocationId,
        "x-forwarded-host": request.headers.host ?? "127.0.0.1",
        "x-forwarded-proto": "http",
      },
    });
    const proxied = new Promise<http.IncomingMessage>((resolve, reject) => {
      forwarded.once("response", resolve);
      forwarded.once("error", reject);
    });
    // Settled either way, whichever of the two below is awaited first.
    proxied.catch(() => undefined);
    // The host's body limit holds for a body sent without a Content-Length too: counted as it
    // is forwarded, and past the limit the forwarding stops and the answer is the host's 413.
    let forwardedBytes = 0;
    let tooLarge = false;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        forwardedBytes += chunk.length;
        if (forwardedBytes > MAX_BODY_BYTES) {
          tooLarge = true;
          done(new Error("request body too large"));
        } else done(null, chunk);
      },
    });
    void pipeline(request, counted, forwarded).catch(() => {
      forwarded.destroy();
      if (tooLarge && !response.headersSent)
        response.writeHead(413, { ...cross, "content-length": "0" }).end();
    });

    const coreContext = {
      invocationId,
      request: {
        invocationId,
        functionId: found.route.id,
        inputData: [{ name: found.route.triggerName, data: { http: {} } }],
        triggerMetadata,
      },
      metadata: { name: registered.metadata.name, bindings: registered.metadata.bindings },
      state: undefined as string | undefined,
      log: (level: string, category: string, message: string) =>
        log(level, category, message, invocationId),
    };
    const invocation = (async () => {
      const invocationModel = model.getInvocationModel(coreContext);
      const { context, inputs } = await invocationModel.getArguments();
      await runHooks("preInvocation", {
        hookData: {},
        appHookData,
        invocationContext: context,
        inputs,
      });
      coreContext.state = "invocation";
      let result: unknown;
      let failure: unknown;
      try {
        result = await invocationModel.invokeFunction(context, inputs, registered.callback);
      } catch (error) {
        failure = error;
      }
      coreContext.state = undefined;
      await runHooks("postInvocation", {
        hookData: {},
        appHookData,
        invocationContext: context,
        result,
        error: failure,
      });
      if (failure !== undefined) throw failure;
      await invocationModel.getResponse(context, result);
    })();

    const answered = (): Promise<{ answer: http.IncomingMessage } | { error: unknown }> =>
      proxied.then(
        (answer) => ({ answer }),
        (error: unknown) => ({ error })
      );
    const outcome = await Promise.race([
      answered(),
      invocation.then(answered, (error: unknown) => ({ error })),
    ]);
    if (tooLarge) return; // the host answered 413 itself
    if ("error" in outcome) {
      log(
        "error",
        "user",
        `Executed '${found.route.id}' (Failed): ${String(outcome.error)}`,
        invocationId
      );
      forwarded.destroy();
      if (!response.headersSent) response.writeHead(500, { ...cross, "content-length": "0" }).end();
      return;
    }
    const answer = outcome.answer;
    const answerHeaders: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(answer.headers)) {
      // The platform's CORS, when configured, replaces the app's (azure-functions-host #1303).
      const replaced = cors.length > 0 && name.startsWith("access-control-");
      if (value !== undefined && name !== "x-ms-invocation-id" && !replaced)
        answerHeaders[name] = value;
    }
    response.writeHead(answer.statusCode ?? 500, { ...answerHeaders, ...cross });
    invocation.catch((error: unknown) => {
      // The answer had begun: it can only be cut off, never left to look whole.
      log(
        "error",
        "user",
        `Executed '${found.route.id}' (Failed after the first byte): ${String(error)}`,
        invocationId
      );
      response.destroy();
    });
    await pipeline(answer, response).catch(() => response.destroy());
  }

  const port = Number(option("--port") ?? process.env.PORT ?? 0);
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: listening } = server.address() as AddressInfo;
  const close = (): void => {
    server.close();
    server.closeAllConnections();
    void runHooks("appTerminate", { hookData: {}, appHookData }).finally(() => process.exit(0));
  };
  process.once("SIGTERM", close);
  process.once("SIGINT", close);
  process.stdout.write(
    `Functions host stand-in ready at http://127.0.0.1:${listening}/${prefix}  (${functions.size} functions, started in ${Math.round(performance.now() - started)} ms)\n`
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Functions host stand-in failed to start: ${error instanceof Error ? error.stack : String(error)}\n`
  );
  process.exit(1);
});
