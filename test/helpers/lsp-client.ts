import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";

export const serverPath = path.join(__dirname, "..", "..", "dist", "server.js");

/** A real JSON-RPC client talking to the built server over stdio, with helpers to wait for diagnostics. */
export class LspTestClient {
  readonly connection: ProtocolConnection;
  private readonly process: ChildProcess;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private waiters: Array<() => void> = [];
  readonly stderr: string[] = [];
  readonly logs: string[] = [];
  /** What the server answers to `workspace/configuration` for the `nursery` section. */
  settings: Record<string, unknown> = { enable: true };

  /** `nodeArgs`: extra flags for the server's node (the soak test passes `--inspect=127.0.0.1:0` to read its heap). */
  constructor(nodeArgs: readonly string[] = []) {
    this.process = spawn(process.execPath, [...nodeArgs, serverPath, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    this.process.stderr!.on("data", (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.process.stdout!),
      new StreamMessageWriter(this.process.stdin!),
    );
    this.connection.onNotification("textDocument/publishDiagnostics", (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params);
      this.lastPublishAt = performance.now();
      for (const wake of this.waiters) wake();
    });
    this.connection.onNotification("window/logMessage", (params: { message: string }) => {
      this.logs.push(params.message);
    });
    this.connection.onNotification("window/showMessage", (params: { message: string }) => {
      this.logs.push(params.message);
    });
    this.connection.onRequest("window/showMessageRequest", () => null);
    this.connection.onRequest("client/registerCapability", () => null);
    this.connection.onRequest("workspace/configuration", (params: { items: unknown[] }) => params.items.map(() => this.settings));
    this.connection.listen();
  }

  /** When the last publishDiagnostics arrived (performance.now()), to wait for the server to go quiet. */
  lastPublishAt = 0;

  /** The server's process id (soak tests read its RSS from /proc). */
  get pid(): number | undefined {
    return this.process.pid;
  }

  /** The last diagnostics published for `uri`, if any. */
  published(uri: string): PublishDiagnosticsParams | undefined {
    return this.diagnostics.get(uri);
  }

  readonly notifications: { method: string; params: unknown }[] = [];
  /** Requests the server sent to the client (method names), e.g. workspace/diagnostic/refresh. */
  readonly serverRequests: string[] = [];

  async initialize(
    rootUri: string | null,
    options: { configuration?: boolean; pull?: boolean; resolve?: boolean; progress?: boolean } = {},
  ): Promise<{ capabilities: Record<string, unknown>; serverInfo?: { name: string; version?: string } }> {
    const { configuration = true, pull = false, resolve = false, progress = false } = options;
    this.connection.onNotification("nursery/status", (params: unknown) => {
      this.notifications.push({ method: "nursery/status", params });
    });
    this.connection.onNotification("$/progress", (params: unknown) => {
      this.notifications.push({ method: "$/progress", params });
    });
    this.connection.onRequest("window/workDoneProgress/create", () => {
      this.serverRequests.push("window/workDoneProgress/create");
      return null;
    });
    this.connection.onRequest("workspace/diagnostic/refresh", () => {
      this.serverRequests.push("workspace/diagnostic/refresh");
      return null;
    });
    const result = await this.connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: "workspace" }] : null,
      capabilities: {
        window: { workDoneProgress: progress },
        workspace: {
          configuration,
          didChangeConfiguration: { dynamicRegistration: true },
          diagnostics: pull ? { refreshSupport: true } : undefined,
        },
        textDocument: {
          publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          diagnostic: pull ? { dynamicRegistration: false, relatedDocumentSupport: false } : undefined,
          codeAction: {
            isPreferredSupport: true,
            dataSupport: true,
            resolveSupport: resolve ? { properties: ["edit"] } : undefined,
            codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix", "source", "source.fixAll"] } },
          },
        },
      },
    });
    await this.connection.sendNotification("initialized", {});
    return result as { capabilities: Record<string, unknown>; serverInfo?: { name: string; version?: string } };
  }

  /** Resolves with the first diagnostics for `uri` that satisfy `accept` (already received ones count). */
  waitForDiagnostics(
    uri: string,
    accept: (params: PublishDiagnosticsParams) => boolean,
    timeoutMs = 20_000,
  ): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const current = this.diagnostics.get(uri);
        if (current && accept(current)) {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((waiter) => waiter !== check);
          resolve(current);
        }
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== check);
        reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(this.diagnostics.get(uri))}\nstderr: ${this.stderr.join("")}`));
      }, timeoutMs);
      this.waiters.push(check);
      check();
    });
  }

  async dispose(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest("shutdown"), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification("exit");
    } catch {
      // The server may already be gone; killing it below is enough.
    }
    this.connection.dispose();
    this.process.kill();
  }
}
