import { dateInTimeZone } from "@smartcity/shared";
import { type Authenticator, createAuthenticator } from "./auth/authenticate";
import { loadConfig, type ServiceConfig } from "./config";
import { WorkbookReader } from "./consolidation/workbook-pool";
import { EvaluateHelper } from "./handlers/evaluate-helper";
import { AuditLog } from "./store/audit-log";
import { ProposalStore } from "./store/proposal-store";
import { createTableClient } from "./store/table-client";
import { PARTITION, RulesetStore } from "./store/ruleset-store";
import { type StorageStatus, storageStatusOf } from "./store/storage-status";

/**
 * The service's long-lived parts, built once per process from the settings.
 * Handlers get them from here; tests and the local host build them the same way.
 */
export interface Services {
  config: ServiceConfig;
  store: RulesetStore;
  proposals: ProposalStore;
  audit: AuditLog;
  authenticate: Authenticator;
  /** The clock, read once per request; tests inject one (e.g. 06:30 in Bangkok). */
  now: () => Date;
  /** Reads uploaded workbooks in worker threads; its workers start on first use. */
  workbooks: WorkbookReader;
  /** Shares big evaluate batches with a second thread; it starts on the first big batch. */
  evaluateHelper: EvaluateHelper;
  /** Storage's last known state for health, checked in the background. */
  storageStatus: StorageStatus;
}

export function createServices(
  config: ServiceConfig,
  options: { now?: () => Date } = {}
): Services {
  const table = createTableClient(config.storage);
  const now = options.now ?? (() => new Date());
  // The pointer cache's TTL runs on the real clock: it is about storage, not the calendar.
  const store = new RulesetStore(table, { currentTtlMs: config.currentRulesetTtlMs });
  const ready = () => store.initialise();
  const storageStatus = storageStatusOf(store, () => dateInTimeZone(now(), config.timeZone));
  return {
    config,
    store,
    proposals: new ProposalStore(table, PARTITION, ready),
    audit: new AuditLog(table, PARTITION, ready),
    authenticate: createAuthenticator(config.auth),
    now,
    workbooks: new WorkbookReader({ threads: config.workbookThreads || undefined }),
    evaluateHelper: new EvaluateHelper(),
    storageStatus,
  };
}

let services: Services | undefined;

/** The process's services, from the environment; throws a ConfigError naming a missing or refused setting. */
export function getServices(): Services {
  services ??= createServices(loadConfig());
  return services;
}
