// Generates a realistic async TypeScript project of exactly 1,500 modules for the benchmarks (deterministic: seeded).
// Layout: src/lib (HTTP with fetch + AbortSignal, retry, sleep, an event emitter, a DB with a thenable query builder,
// a generic repository, a task queue, caches), then per domain a model, a repository, a service, HTTP handlers and a
// job entry point (jobs are leaves of the import graph: nothing imports them), route groups, a composition root, and
// small generic utilities to make up the count. Some services, handlers and jobs carry the usual async mistakes
// (floating promises, forEach(async), async listeners, promises as conditions, unawaited tasks, dropped signals);
// which ones is decided by the seed, and `manifest.json` lists what was planted where.
//
// Run: npx tsx bench/generate.ts [outDir]   (default bench/.corpus/generated; the bench scripts call generate())
import * as fs from "node:fs";
import * as path from "node:path";

export const GENERATOR_VERSION = 1;
export const TOTAL_MODULES = 1500;
const SEED = 0x5eed_2024;
const DOMAINS_PER_GROUP = 30;

/** mulberry32: tiny, fast, good enough for picking variants. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOUNS = [
  "Order", "Invoice", "Customer", "Shipment", "Product", "Coupon", "Review", "Cart", "Payment", "Refund",
  "Ticket", "Session", "Account", "Project", "Task", "Comment", "Notification", "Subscription", "Plan", "Report",
  "Warehouse", "Supplier", "Contract", "Lead", "Campaign", "Upload", "Webhook", "Team", "Member", "Badge",
];

export interface PlantedIssue {
  file: string;
  line: number;
  kind: string;
}

interface Domain {
  index: number;
  name: string; // Order17
  slug: string; // order17
  deps: number[]; // indices of other domains whose services this one uses (all lower)
}

const LIB: Record<string, string> = {
  "types.ts": `export interface Entity {
  id: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface Paginated<T> {
  items: T[];
  total: number;
  next?: string;
}

export type Awaitable<T> = T | Promise<T>;

export type Result<T, E = Error> = { ok: true; value: T } | { ok: false; error: E };

export function ok<T>(value: T): Result<T, never> {
  return { ok: true, value };
}

export function err<E>(error: E): Result<never, E> {
  return { ok: false, error };
}

export async function tryAsync<T>(run: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await run());
  } catch (error) {
    return err(error instanceof Error ? error : new Error(String(error)));
  }
}
`,
  "logger.ts": `type Level = "debug" | "info" | "warn" | "error";

const sinks: Array<(level: Level, message: string, data?: unknown) => void> = [];

function write(level: Level, message: string, data?: unknown): void {
  for (const sink of sinks) sink(level, message, data);
}

export const logger = {
  debug: (message: string, data?: unknown): void => write("debug", message, data),
  info: (message: string, data?: unknown): void => write("info", message, data),
  warn: (message: string, data?: unknown): void => write("warn", message, data),
  error: (message: string, data?: unknown): void => write("error", message, data),
  addSink(sink: (level: Level, message: string, data?: unknown) => void): void {
    sinks.push(sink);
  },
};
`,
  "sleep.ts": `export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
`,
  "http.ts": `export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function withTimeout(options: RequestOptions): AbortSignal | undefined {
  if (options.timeoutMs === undefined) return options.signal;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  return options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
}

export async function getJson<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const response = await fetch(url, { headers: options.headers, signal: withTimeout(options) });
  if (!response.ok) throw new HttpError(response.status, \`GET \${url} failed with \${response.status}\`);
  return (await response.json()) as T;
}

export async function postJson<T, B = unknown>(url: string, body: B, options: RequestOptions = {}): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json", ...options.headers },
    signal: withTimeout(options),
  });
  if (!response.ok) throw new HttpError(response.status, \`POST \${url} failed with \${response.status}\`);
  return (await response.json()) as T;
}

export async function del(url: string, options: RequestOptions = {}): Promise<void> {
  const response = await fetch(url, { method: "DELETE", signal: withTimeout(options) });
  if (!response.ok) throw new HttpError(response.status, \`DELETE \${url} failed\`);
}
`,
  "retry.ts": `import { sleep } from "./sleep";

export interface RetryOptions {
  attempts: number;
  delayMs: number;
  signal?: AbortSignal;
  retryIf?: (error: unknown) => boolean;
}

export async function retry<T>(run: (attempt: number, signal?: AbortSignal) => Promise<T>, options: RetryOptions): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt < options.attempts; attempt++) {
    options.signal?.throwIfAborted();
    try {
      return await run(attempt, options.signal);
    } catch (error) {
      lastError = error;
      if (options.retryIf && !options.retryIf(error)) break;
      await sleep(options.delayMs * 2 ** attempt, options.signal);
    }
  }
  throw lastError;
}
`,
  "events.ts": `export type Listener<A extends unknown[]> = (...args: A) => void;

export class Emitter<E extends { [K in keyof E]: unknown[] }> {
  private readonly listeners = new Map<keyof E, Set<Listener<any>>>();

  on<K extends keyof E>(event: K, listener: Listener<E[K]>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  emit<K extends keyof E>(event: K, ...args: E[K]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}

export interface ChangeEvents {
  changed: [id: string];
  removed: [id: string, reason: string];
}
`,
  "db.ts": `export interface Row {
  [column: string]: unknown;
}

export interface Db {
  query<T>(sql: string, params?: readonly unknown[], signal?: AbortSignal): Promise<T[]>;
  execute(sql: string, params?: readonly unknown[]): Promise<number>;
  transaction<T>(run: (tx: Db) => Promise<T>): Promise<T>;
}

/** A lazily executed query: awaiting it runs it (like Knex or Drizzle builders). */
export class QueryBuilder<T> implements PromiseLike<T[]> {
  private readonly conditions: string[] = [];
  private readonly params: unknown[] = [];
  private limitCount: number | undefined;

  constructor(
    private readonly db: Db,
    private readonly table: string,
  ) {}

  where(column: string, value: unknown): this {
    this.params.push(value);
    this.conditions.push(\`\${column} = $\${this.params.length}\`);
    return this;
  }

  limit(count: number): this {
    this.limitCount = count;
    return this;
  }

  toSql(): string {
    const where = this.conditions.length > 0 ? \` WHERE \${this.conditions.join(" AND ")}\` : "";
    const limit = this.limitCount !== undefined ? \` LIMIT \${this.limitCount}\` : "";
    return \`SELECT * FROM \${this.table}\${where}\${limit}\`;
  }

  then<R1 = T[], R2 = never>(
    onfulfilled?: ((value: T[]) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): PromiseLike<R1 | R2> {
    return this.db.query<T>(this.toSql(), this.params).then(onfulfilled, onrejected);
  }
}
`,
  "repository.ts": `import type { Db } from "./db";
import { QueryBuilder } from "./db";
import type { Entity, Paginated } from "./types";

export abstract class Repository<T extends Entity> {
  constructor(
    protected readonly db: Db,
    protected readonly table: string,
  ) {}

  query(): QueryBuilder<T> {
    return new QueryBuilder<T>(this.db, this.table);
  }

  async findById(id: string, signal?: AbortSignal): Promise<T | undefined> {
    const rows = await this.db.query<T>(\`SELECT * FROM \${this.table} WHERE id = $1\`, [id], signal);
    return rows[0];
  }

  async findMany(filter: Partial<T>, signal?: AbortSignal): Promise<T[]> {
    const keys = Object.keys(filter);
    const where = keys.map((key, i) => \`\${key} = $\${i + 1}\`).join(" AND ");
    return this.db.query<T>(\`SELECT * FROM \${this.table}\${where ? \` WHERE \${where}\` : ""}\`, Object.values(filter), signal);
  }

  async page(cursor: string | undefined, size: number, signal?: AbortSignal): Promise<Paginated<T>> {
    const items = await this.db.query<T>(\`SELECT * FROM \${this.table} WHERE id > $1 LIMIT $2\`, [cursor ?? "", size], signal);
    return { items, total: items.length, next: items.length === size ? items[items.length - 1]?.id : undefined };
  }

  async save(entity: T): Promise<T> {
    await this.db.execute(\`INSERT INTO \${this.table} VALUES ($1) ON CONFLICT (id) DO UPDATE SET data = $1\`, [entity]);
    return entity;
  }

  async delete(id: string): Promise<boolean> {
    return (await this.db.execute(\`DELETE FROM \${this.table} WHERE id = $1\`, [id])) > 0;
  }
}
`,
  "cache.ts": `export class AsyncCache<K, V> {
  private readonly entries = new Map<K, Promise<V>>();

  constructor(private readonly maxEntries = 1000) {}

  get(key: K, load: (key: K) => Promise<V>): Promise<V> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = load(key);
      entry.catch(() => this.entries.delete(key));
      this.entries.set(key, entry);
      if (this.entries.size > this.maxEntries) {
        const oldest = this.entries.keys().next();
        if (!oldest.done) this.entries.delete(oldest.value);
      }
    }
    return entry;
  }

  invalidate(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
`,
  "queue.ts": `import { logger } from "./logger";

export class TaskQueue {
  private readonly running = new Set<Promise<unknown>>();
  private readonly controller = new AbortController();

  constructor(private readonly concurrency: number) {}

  async enqueue<T>(task: (signal: AbortSignal) => Promise<T>): Promise<T> {
    while (this.running.size >= this.concurrency) await Promise.race(this.running);
    const promise = task(this.controller.signal);
    this.running.add(promise);
    try {
      return await promise;
    } finally {
      this.running.delete(promise);
    }
  }

  async drain(): Promise<void> {
    await Promise.allSettled(this.running);
  }

  close(reason = "queue closed"): void {
    logger.info(reason);
    this.controller.abort(new Error(reason));
  }
}
`,
  "concurrency.ts": `export async function mapLimit<T, U>(items: readonly T[], limit: number, run: (item: T, index: number) => Promise<U>): Promise<U[]> {
  const results = new Array<U>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export async function settleAll<T>(promises: Iterable<Promise<T>>): Promise<{ fulfilled: T[]; rejected: unknown[] }> {
  const fulfilled: T[] = [];
  const rejected: unknown[] = [];
  for (const result of await Promise.allSettled(promises)) {
    if (result.status === "fulfilled") fulfilled.push(result.value);
    else rejected.push(result.reason);
  }
  return { fulfilled, rejected };
}

export function withDeadline<T>(run: (signal: AbortSignal) => Promise<T>, ms: number, parent?: AbortSignal): Promise<T> {
  const signal = parent ? AbortSignal.any([parent, AbortSignal.timeout(ms)]) : AbortSignal.timeout(ms);
  return run(signal);
}
`,
  "audit.ts": `import type { Db } from "./db";

export interface AuditEvent {
  type: string;
  subject: string;
  at: Date;
  data?: unknown;
}

export class AuditLog {
  constructor(private readonly db: Db) {}

  async record(type: string, subject: string, data?: unknown): Promise<void> {
    const event: AuditEvent = { type, subject, at: new Date(), data };
    await this.db.execute("INSERT INTO audit VALUES ($1)", [event]);
  }

  async recent(subject: string, signal?: AbortSignal): Promise<AuditEvent[]> {
    return this.db.query<AuditEvent>("SELECT * FROM audit WHERE subject = $1", [subject], signal);
  }
}
`,
  "metrics.ts": `const counters = new Map<string, number>();

export function track(name: string, value = 1): void {
  counters.set(name, (counters.get(name) ?? 0) + value);
}

export async function flushMetrics(endpoint: string, signal?: AbortSignal): Promise<void> {
  const body = JSON.stringify(Object.fromEntries(counters));
  counters.clear();
  await fetch(endpoint, { method: "POST", body, signal });
}

export async function timed<T>(name: string, run: () => Promise<T>): Promise<T> {
  const start = Date.now();
  try {
    return await run();
  } finally {
    track(\`\${name}.ms\`, Date.now() - start);
  }
}
`,
  "router.ts": `export interface Context {
  signal: AbortSignal;
  params: Record<string, string | undefined>;
  userId?: string;
}

export type Handler = (request: Request, context: Context) => Promise<Response>;
export type ErrorListener = (error: unknown, request: Request) => void;

export class Router {
  private readonly routes: Array<{ method: string; path: string; handler: Handler }> = [];
  private readonly errorListeners: ErrorListener[] = [];

  get(path: string, handler: Handler): void {
    this.routes.push({ method: "GET", path, handler });
  }

  post(path: string, handler: Handler): void {
    this.routes.push({ method: "POST", path, handler });
  }

  delete(path: string, handler: Handler): void {
    this.routes.push({ method: "DELETE", path, handler });
  }

  onError(listener: ErrorListener): void {
    this.errorListeners.push(listener);
  }

  async handle(request: Request, signal: AbortSignal): Promise<Response> {
    const url = new URL(request.url);
    const route = this.routes.find((r) => r.method === request.method && r.path === url.pathname);
    if (!route) return new Response("not found", { status: 404 });
    try {
      return await route.handler(request, { signal, params: {} });
    } catch (error) {
      for (const listener of this.errorListeners) listener(error, request);
      return new Response("internal error", { status: 500 });
    }
  }
}
`,
  "registry.ts": `export class Registry {
  private readonly items = new Map<string, unknown>();

  set<T>(key: string, value: T): T {
    this.items.set(key, value);
    return value;
  }

  get<T>(key: string): T {
    if (!this.items.has(key)) throw new Error(\`missing service \${key}\`);
    return this.items.get(key) as T;
  }
}
`,
  "ids.ts": `let counter = 0;

export function newId(prefix: string): string {
  counter++;
  return \`\${prefix}_\${Date.now().toString(36)}_\${counter.toString(36)}\`;
}
`,
};

function domainsFor(count: number, random: () => number): Domain[] {
  const domains: Domain[] = [];
  for (let i = 0; i < count; i++) {
    const noun = NOUNS[i % NOUNS.length]!;
    const n = Math.floor(i / NOUNS.length);
    const deps: number[] = [];
    const wanted = i === 0 ? 0 : 1 + Math.floor(random() * Math.min(3, i));
    while (deps.length < wanted) {
      const dep = Math.floor(random() * i);
      if (!deps.includes(dep)) deps.push(dep);
    }
    domains.push({ index: i, name: `${noun}${n}`, slug: `${noun.toLowerCase()}${n}`, deps: deps.sort((a, b) => a - b) });
  }
  return domains;
}

/** Builds a file line by line and records planted issues with their 1-based line. */
class FileBuilder {
  readonly lines: string[] = [];
  constructor(
    private readonly file: string,
    private readonly planted: PlantedIssue[],
  ) {}
  add(...lines: string[]): void {
    for (const line of lines) this.lines.push(...line.split("\n"));
  }
  /** Adds lines; the first line containing `marker`-less code is the issue site (the first line given). */
  issue(kind: string, ...lines: string[]): void {
    this.planted.push({ file: this.file, line: this.lines.length + 1, kind });
    this.add(...lines);
  }
  text(): string {
    return `${this.lines.join("\n")}\n`;
  }
}

function modelFile(d: Domain): string {
  return `import type { Entity } from "../lib/types";

export type ${d.name}Status = "active" | "archived" | "pending";

export interface ${d.name} extends Entity {
  name: string;
  status: ${d.name}Status;
  ownerId: string;
  score: number;
  tags: string[];
  externalRef?: string;
}

export interface Create${d.name}Input {
  name: string;
  ownerId: string;
  tags?: string[];
}

export interface ${d.name}Summary {
  id: string;
  name: string;
  score: number;
  related: number;
}

export function is${d.name}Active(item: ${d.name}): boolean {
  return item.status === "active";
}

export function to${d.name}Summary(item: ${d.name}, related: number): ${d.name}Summary {
  return { id: item.id, name: item.name, score: item.score, related };
}
`;
}

function repositoryFile(d: Domain): string {
  return `import type { Db } from "../lib/db";
import type { QueryBuilder } from "../lib/db";
import { Repository } from "../lib/repository";
import type { ${d.name} } from "../models/${d.slug}";

export class ${d.name}Repository extends Repository<${d.name}> {
  constructor(db: Db) {
    super(db, "${d.slug}");
  }

  async findByOwner(ownerId: string, signal?: AbortSignal): Promise<${d.name}[]> {
    return this.findMany({ ownerId } as Partial<${d.name}>, signal);
  }

  async archive(id: string, signal?: AbortSignal): Promise<boolean> {
    const item = await this.findById(id, signal);
    if (!item) return false;
    await this.save({ ...item, status: "archived", updatedAt: new Date() });
    return true;
  }

  active(): QueryBuilder<${d.name}> {
    return this.query().where("status", "active");
  }

  async topScored(limit: number): Promise<${d.name}[]> {
    const rows = await this.active().limit(limit * 2);
    return rows.sort((a, b) => b.score - a.score).slice(0, limit);
  }
}
`;
}

function serviceFile(d: Domain, domains: Domain[], random: () => number, planted: PlantedIssue[], file: string): string {
  const f = new FileBuilder(file, planted);
  const deps = d.deps.map((i) => domains[i]!);
  const chance = (p: number) => random() < p;
  f.add(
    `import { AuditLog } from "../lib/audit";`,
    `import { AsyncCache } from "../lib/cache";`,
    `import { mapLimit, settleAll } from "../lib/concurrency";`,
    `import type { ChangeEvents, Emitter } from "../lib/events";`,
    `import { getJson, postJson } from "../lib/http";`,
    `import { newId } from "../lib/ids";`,
    `import { logger } from "../lib/logger";`,
    `import { timed, track } from "../lib/metrics";`,
    `import { retry } from "../lib/retry";`,
    `import { sleep } from "../lib/sleep";`,
    `import { tryAsync, type Paginated, type Result } from "../lib/types";`,
    `import { is${d.name}Active, to${d.name}Summary, type Create${d.name}Input, type ${d.name}, type ${d.name}Summary } from "../models/${d.slug}";`,
    `import type { ${d.name}Repository } from "../repositories/${d.slug}";`,
  );
  for (const dep of deps) f.add(`import type { ${dep.name}Service } from "./${dep.slug}";`);
  f.add(
    ``,
    `export interface ${d.name}Dependencies {`,
    ...deps.map((dep) => `  ${dep.slug}: ${dep.name}Service;`),
    `}`,
    ``,
    `export class ${d.name}Service {`,
    `  private readonly cache = new AsyncCache<string, ${d.name}>(500);`,
    ``,
    `  constructor(`,
    `    private readonly repo: ${d.name}Repository,`,
    `    private readonly audit: AuditLog,`,
    `    private readonly deps: ${d.name}Dependencies,`,
    `    private readonly baseUrl: string,`,
    `  ) {}`,
    ``,
    `  async get(id: string, signal?: AbortSignal): Promise<${d.name}> {`,
    `    return this.cache.get(id, async (key) => {`,
    `      const found = await this.repo.findById(key, signal);`,
    `      if (found) return found;`,
    `      return getJson<${d.name}>(\`\${this.baseUrl}/${d.slug}/\${key}\`, { signal, timeoutMs: 5_000 });`,
    `    });`,
    `  }`,
    ``,
    `  async create(input: Create${d.name}Input, signal?: AbortSignal): Promise<${d.name}> {`,
    `    const now = new Date();`,
    `    const entity: ${d.name} = { id: newId("${d.slug}"), createdAt: now, updatedAt: now, name: input.name, status: "pending", ownerId: input.ownerId, score: 0, tags: input.tags ?? [] };`,
    `    const saved = await this.repo.save(entity);`,
  );
  const auditVariant = random();
  if (auditVariant < 0.12) f.issue("floating-call", `    this.audit.record("${d.slug}.created", saved.id, input);`);
  else if (auditVariant < 0.3) f.add(`    void this.audit.record("${d.slug}.created", saved.id, input);`);
  else if (auditVariant < 0.4) f.add(`    this.audit.record("${d.slug}.created", saved.id).catch((error) => logger.error("audit failed", error));`);
  else f.add(`    await this.audit.record("${d.slug}.created", saved.id, input);`);
  f.add(`    track("${d.slug}.created");`);
  if (deps.length > 0 && chance(0.08)) {
    f.issue("floating-then", `    this.deps.${deps[0]!.slug}.get(saved.ownerId, signal).then((owner) => logger.info("owner", owner.id));`);
  }
  f.add(
    `    return saved;`,
    `  }`,
    ``,
    `  async refresh(id: string, signal?: AbortSignal): Promise<${d.name}> {`,
    `    const remote = await retry((attempt, retrySignal) => getJson<${d.name}>(\`\${this.baseUrl}/${d.slug}/\${id}?attempt=\${attempt}\`, { signal: retrySignal }), { attempts: 3, delayMs: 200, signal });`,
    `    const saved = await this.repo.save({ ...remote, updatedAt: new Date() });`,
    `    this.cache.invalidate(id);`,
    `    return saved;`,
    `  }`,
    ``,
    `  async syncAll(ids: readonly string[], signal?: AbortSignal): Promise<void> {`,
  );
  const syncVariant = random();
  if (syncVariant < 0.08) {
    f.issue("forEach-async", `    ids.forEach(async (id) => {`, `      await this.refresh(id, signal);`, `    });`);
  } else if (syncVariant < 0.13) {
    f.issue("floating-array", `    ids.map((id) => this.refresh(id, signal));`);
  } else if (syncVariant < 0.5) {
    f.add(`    for (const id of ids) {`, `      signal?.throwIfAborted();`, `      await this.refresh(id, signal);`, `    }`);
  } else {
    f.add(`    await mapLimit(ids, 4, (id) => this.refresh(id, signal));`);
  }
  f.add(
    `  }`,
    ``,
    `  async summaries(ownerId: string, signal?: AbortSignal): Promise<Paginated<${d.name}Summary>> {`,
    `    const items = await timed("${d.slug}.summaries", () => this.repo.findByOwner(ownerId, signal));`,
  );
  if (deps.length > 0) {
    f.add(
      `    const related = await Promise.all([${deps.map((dep) => `this.deps.${dep.slug}.count(ownerId, signal)`).join(", ")}]);`,
      `    const total = related.reduce((sum, n) => sum + n, 0);`,
    );
  } else {
    f.add(`    const total = 0;`);
  }
  f.add(
    `    const summaries = items.filter(is${d.name}Active).map((item) => to${d.name}Summary(item, total));`,
    `    return { items: summaries, total: summaries.length };`,
    `  }`,
    ``,
    `  async count(ownerId: string, signal?: AbortSignal): Promise<number> {`,
    `    return (await this.repo.findByOwner(ownerId, signal)).length;`,
    `  }`,
    ``,
    `  async remove(id: string, signal?: AbortSignal): Promise<Result<boolean>> {`,
  );
  if (chance(0.06)) {
    f.issue("promise-condition", `    if (!this.repo.delete(id)) {`, `      return { ok: false, error: new Error("not removed") };`, `    }`);
    f.add(`    this.cache.invalidate(id);`, `    return { ok: true, value: true };`);
  } else {
    f.add(
      `    return tryAsync(async () => {`,
      `      const removed = await this.repo.archive(id, signal);`,
      `      if (removed) this.cache.invalidate(id);`,
      `      return removed;`,
      `    });`,
    );
  }
  f.add(`  }`, ``, `  async publish(id: string, signal?: AbortSignal): Promise<void> {`, `    const item = await this.get(id, signal);`);
  if (chance(0.07)) {
    f.issue("unawaited-task", `    const notification = postJson<{ sent: boolean }>(\`\${this.baseUrl}/notify\`, { id: item.id }, { signal });`);
    f.add(`    logger.info("publishing", { id: item.id, notification: typeof notification });`);
  } else {
    f.add(`    const notification = await postJson<{ sent: boolean }>(\`\${this.baseUrl}/notify\`, { id: item.id }, { signal });`);
    f.add(`    if (!notification.sent) logger.warn("notification not sent", item.id);`);
  }
  f.add(`    await this.repo.save({ ...item, status: "active", updatedAt: new Date() });`, `  }`, ``);
  f.add(`  watch(events: Emitter<ChangeEvents>): () => void {`);
  if (chance(0.1)) {
    f.issue("async-listener", `    return events.on("changed", async (id) => {`, `      await this.refresh(id);`, `    });`);
  } else {
    f.add(
      `    return events.on("changed", (id) => {`,
      `      this.refresh(id).catch((error: unknown) => logger.error("refresh failed", error));`,
      `    });`,
    );
  }
  f.add(`  }`, ``, `  scheduleCleanup(delayMs: number): void {`);
  if (chance(0.06)) {
    f.issue("async-timer", `    setTimeout(async () => {`, `      await this.cleanup();`, `    }, delayMs);`);
  } else {
    f.add(`    setTimeout(() => {`, `      void this.cleanup();`, `    }, delayMs);`);
  }
  f.add(
    `  }`,
    ``,
    `  async cleanup(signal?: AbortSignal): Promise<number> {`,
    `    const stale = await this.repo.query().where("status", "archived").limit(100);`,
    `    const { fulfilled, rejected } = await settleAll(stale.map((item) => this.repo.delete(item.id)));`,
    `    if (rejected.length > 0) logger.warn("cleanup failures", rejected.length);`,
    `    await sleep(10, signal);`,
    `    return fulfilled.filter(Boolean).length;`,
    `  }`,
    ``,
    `  async warm(): Promise<void> {`,
  );
  if (chance(0.05)) f.issue("floating-thenable", `    this.repo.active().limit(10);`);
  else f.add(`    const top = await this.repo.topScored(10);`, `    for (const item of top) this.cache.get(item.id, async () => item).catch(() => undefined);`);
  f.add(`  }`);
  if (chance(0.05)) {
    f.add(``, `  legacy(raw: string): void {`, `    const client: any = JSON.parse(raw);`);
    f.issue("any-call", `    client.send("${d.slug}");`);
    f.add(`  }`);
  }
  f.add(`}`);
  return f.text();
}

function handlerFile(d: Domain, random: () => number, planted: PlantedIssue[], file: string): string {
  const f = new FileBuilder(file, planted);
  f.add(
    `import { logger } from "../lib/logger";`,
    `import type { Context, Router } from "../lib/router";`,
    `import type { Create${d.name}Input } from "../models/${d.slug}";`,
    `import type { ${d.name}Service } from "../services/${d.slug}";`,
    ``,
    `async function readBody<T>(request: Request): Promise<T> {`,
    `  return (await request.json()) as T;`,
    `}`,
    ``,
    `export function register${d.name}Routes(router: Router, service: ${d.name}Service, upstream: string): void {`,
    `  router.get("/${d.slug}/:id", async (_request, context: Context) => {`,
    `    const item = await service.get(context.params.id ?? "", context.signal);`,
    `    return Response.json(item);`,
    `  });`,
    ``,
    `  router.post("/${d.slug}", async (request, context) => {`,
    `    const input = await readBody<Create${d.name}Input>(request);`,
    `    const created = await service.create(input, context.signal);`,
    `    return Response.json(created, { status: 201 });`,
    `  });`,
    ``,
    `  router.get("/${d.slug}/:id/upstream", async (_request, context) => {`,
  );
  if (random() < 0.08) f.issue("signal-not-forwarded", `    const response = await fetch(\`\${upstream}/${d.slug}/\${context.params.id}\`);`);
  else f.add(`    const response = await fetch(\`\${upstream}/${d.slug}/\${context.params.id}\`, { signal: AbortSignal.any([context.signal, AbortSignal.timeout(3_000)]) });`);
  f.add(
    `    return new Response(response.body, { status: response.status });`,
    `  });`,
    ``,
    `  router.delete("/${d.slug}/:id", async (_request, context) => {`,
    `    const result = await service.remove(context.params.id ?? "", context.signal);`,
    `    return result.ok ? new Response(null, { status: 204 }) : Response.json({ error: result.error.message }, { status: 500 });`,
    `  });`,
    ``,
  );
  if (random() < 0.08) {
    f.issue("async-error-listener", `  router.onError(async (error, request) => {`, `    await service.cleanup();`, `    logger.error(\`\${request.url} failed\`, error);`, `  });`);
  } else {
    f.add(`  router.onError((error, request) => {`, `    logger.error(\`\${request.url} failed\`, error);`, `  });`);
  }
  f.add(`}`);
  return f.text();
}

function jobFile(d: Domain, random: () => number, planted: PlantedIssue[], file: string): string {
  const f = new FileBuilder(file, planted);
  f.add(
    `import { logger } from "../lib/logger";`,
    `import { flushMetrics } from "../lib/metrics";`,
    `import { TaskQueue } from "../lib/queue";`,
    `import { sleep } from "../lib/sleep";`,
    `import type { ${d.name}Service } from "../services/${d.slug}";`,
    ``,
    `export async function run${d.name}Job(service: ${d.name}Service, ids: () => Promise<string[]>, signal: AbortSignal): Promise<void> {`,
    `  const queue = new TaskQueue(4);`,
    `  try {`,
    `    while (!signal.aborted) {`,
    `      const batch = await ids();`,
    `      await Promise.all(batch.map((id) => queue.enqueue((taskSignal) => service.refresh(id, AbortSignal.any([signal, taskSignal])))));`,
    `      await flushMetrics("http://metrics.internal/${d.slug}", signal);`,
    `      await sleep(60_000, signal);`,
    `    }`,
    `  } finally {`,
    `    queue.close();`,
    `    await queue.drain();`,
    `  }`,
    `}`,
    ``,
    `export function start${d.name}Job(service: ${d.name}Service, ids: () => Promise<string[]>): AbortController {`,
    `  const controller = new AbortController();`,
  );
  if (random() < 0.15) f.issue("floating-job", `  run${d.name}Job(service, ids, controller.signal);`);
  else f.add(`  run${d.name}Job(service, ids, controller.signal).catch((error: unknown) => logger.error("${d.slug} job stopped", error));`);
  f.add(`  return controller;`, `}`);
  return f.text();
}

function groupFile(group: number, members: Domain[], domains: Domain[]): string {
  const lines = [
    `import type { AuditLog } from "../lib/audit";`,
    `import type { Db } from "../lib/db";`,
    `import { Registry } from "../lib/registry";`,
    `import type { Router } from "../lib/router";`,
  ];
  for (const d of members) {
    lines.push(`import { ${d.name}Repository } from "../repositories/${d.slug}";`);
    lines.push(`import { ${d.name}Service } from "../services/${d.slug}";`);
    lines.push(`import { register${d.name}Routes } from "../handlers/${d.slug}";`);
  }
  const depTypes = new Set<string>();
  for (const d of members) for (const i of d.deps) if (!members.includes(domains[i]!)) depTypes.add(`import type { ${domains[i]!.name}Service } from "../services/${domains[i]!.slug}";`);
  lines.push(...depTypes, ``);
  lines.push(`export function registerGroup${group}(router: Router, db: Db, audit: AuditLog, registry: Registry, upstream: string): void {`);
  for (const d of members) {
    const deps = d.deps.map((i) => `${domains[i]!.slug}: registry.get<${domains[i]!.name}Service>("${domains[i]!.slug}")`).join(", ");
    lines.push(`  const ${d.slug} = registry.set("${d.slug}", new ${d.name}Service(new ${d.name}Repository(db), audit, { ${deps} }, upstream));`);
    lines.push(`  register${d.name}Routes(router, ${d.slug}, upstream);`);
  }
  lines.push(`}`, ``, `export const group${group}Size = ${members.length};`, ``);
  return lines.join("\n");
}

function mainFile(groups: number): string {
  const lines = [`import { AuditLog } from "./lib/audit";`, `import type { Db } from "./lib/db";`, `import { logger } from "./lib/logger";`, `import { Registry } from "./lib/registry";`, `import { Router } from "./lib/router";`];
  for (let g = 0; g < groups; g++) lines.push(`import { registerGroup${g} } from "./routes/group${g}";`);
  lines.push(
    ``,
    `export function createApp(db: Db, upstream: string): Router {`,
    `  const router = new Router();`,
    `  const audit = new AuditLog(db);`,
    `  const registry = new Registry();`,
  );
  for (let g = 0; g < groups; g++) lines.push(`  registerGroup${g}(router, db, audit, registry, upstream);`);
  lines.push(
    `  logger.info("app ready");`,
    `  return router;`,
    `}`,
    ``,
    `export async function serve(db: Db, upstream: string, requests: AsyncIterable<Request>, signal: AbortSignal): Promise<void> {`,
    `  const router = createApp(db, upstream);`,
    `  for await (const request of requests) {`,
    `    const response = await router.handle(request, signal);`,
    `    logger.debug(\`\${request.method} \${request.url} -> \${response.status}\`);`,
    `  }`,
    `}`,
    ``,
  );
  return lines.join("\n");
}

function utilFile(k: number, random: () => number): string {
  const n = 2 + Math.floor(random() * 3);
  const lines = [`import { sleep } from "../lib/sleep";`, `import type { Result } from "../lib/types";`, ``];
  for (let i = 0; i < n; i++) {
    lines.push(
      `export async function pipeline${k}_${i}<T, U>(items: readonly T[], step: (item: T) => Promise<U>, signal?: AbortSignal): Promise<Result<U[]>> {`,
      `  const out: U[] = [];`,
      `  try {`,
      `    for (const item of items) {`,
      `      signal?.throwIfAborted();`,
      `      out.push(await step(item));`,
      `      if (out.length % ${10 + i} === 0) await sleep(0, signal);`,
      `    }`,
      `    return { ok: true, value: out };`,
      `  } catch (error) {`,
      `    return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };`,
      `  }`,
      `}`,
      ``,
      `export function groupBy${k}_${i}<T, K extends PropertyKey>(items: readonly T[], key: (item: T) => K): Record<K, T[]> {`,
      `  const groups = {} as Record<K, T[]>;`,
      `  for (const item of items) (groups[key(item)] ??= []).push(item);`,
      `  return groups;`,
      `}`,
      ``,
    );
  }
  return lines.join("\n");
}

const TSCONFIG = `{
  "compilerOptions": {
    "target": "ES2022",
    "lib": ["ES2023", "DOM", "DOM.Iterable"],
    "module": "ESNext",
    "moduleResolution": "Bundler",
    "strict": true,
    "noEmit": true,
    "skipLibCheck": true,
    "isolatedModules": true,
    "types": []
  },
  "include": ["src"]
}
`;

export interface GeneratedProject {
  root: string;
  tsconfig: string;
  files: number;
  lines: number;
  planted: PlantedIssue[];
  /** A job entry point: nothing imports it, so changing it invalidates only itself. */
  leafFile: string;
}

/** Writes the project to `outDir` (replacing it). Same seed, same bytes. */
export function generate(outDir: string): GeneratedProject {
  const root = path.resolve(outDir);
  fs.rmSync(root, { recursive: true, force: true });
  const random = rng(SEED);
  const files = new Map<string, string>();
  for (const [name, text] of Object.entries(LIB)) files.set(`src/lib/${name}`, text);
  const libCount = files.size;
  const groupsFor = (domainCount: number) => Math.ceil(domainCount / DOMAINS_PER_GROUP);
  let domainCount = Math.floor((TOTAL_MODULES - libCount - 1) / 5);
  while (libCount + 5 * domainCount + groupsFor(domainCount) + 1 > TOTAL_MODULES) domainCount--;
  const domains = domainsFor(domainCount, random);
  const planted: PlantedIssue[] = [];
  for (const d of domains) {
    files.set(`src/models/${d.slug}.ts`, modelFile(d));
    files.set(`src/repositories/${d.slug}.ts`, repositoryFile(d));
    files.set(`src/services/${d.slug}.ts`, serviceFile(d, domains, random, planted, `src/services/${d.slug}.ts`));
    files.set(`src/handlers/${d.slug}.ts`, handlerFile(d, random, planted, `src/handlers/${d.slug}.ts`));
    files.set(`src/jobs/${d.slug}.ts`, jobFile(d, random, planted, `src/jobs/${d.slug}.ts`));
  }
  const groups = groupsFor(domainCount);
  for (let g = 0; g < groups; g++) files.set(`src/routes/group${g}.ts`, groupFile(g, domains.slice(g * DOMAINS_PER_GROUP, (g + 1) * DOMAINS_PER_GROUP), domains));
  files.set("src/main.ts", mainFile(groups));
  for (let k = 0; files.size < TOTAL_MODULES; k++) files.set(`src/util/pipeline${k}.ts`, utilFile(k, random));

  let lines = 0;
  for (const [name, text] of files) {
    const full = path.join(root, name);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
    lines += text.split("\n").length - 1;
  }
  fs.writeFileSync(path.join(root, "tsconfig.json"), TSCONFIG);
  const jobNames = domains.map((d) => `${d.slug}.ts`).sort();
  const leafFile = path.join(root, "src/jobs", jobNames[Math.floor(jobNames.length / 2)]!);
  const summary = { generatorVersion: GENERATOR_VERSION, seed: SEED, files: files.size, lines, planted };
  fs.writeFileSync(path.join(root, "manifest.json"), `${JSON.stringify(summary, null, 1)}\n`);
  return { root, tsconfig: path.join(root, "tsconfig.json"), files: files.size, lines, planted, leafFile };
}

if (require.main === module) {
  const out = process.argv[2] ?? path.join(__dirname, ".corpus", "generated");
  const project = generate(out);
  const kinds = new Map<string, number>();
  for (const issue of project.planted) kinds.set(issue.kind, (kinds.get(issue.kind) ?? 0) + 1);
  console.log(`${project.files} modules, ${project.lines} lines in ${project.root}`);
  console.log(`planted: ${[...kinds].map(([kind, n]) => `${kind} ${n}`).join(", ")}`);
}
