import * as path from "node:path";
import {
  commands,
  env,
  StatusBarAlignment,
  Uri,
  window,
  workspace,
  type ExtensionContext,
  type LogOutputChannel,
  type StatusBarItem,
} from "vscode";
import {
  LanguageClient,
  NotificationType,
  State,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";

/** Mirrors the server's `nursery/status` notification. */
interface StatusParams {
  state: "ok" | "warning" | "error";
  projects: number;
  filesAnalysed: number;
  lastError?: string;
}
const statusNotification = new NotificationType<StatusParams>("nursery/status");

let client: LanguageClient | undefined;
let output: LogOutputChannel | undefined;
let statusItem: StatusBarItem | undefined;

/**
 * Settings that `nursery.json` also sets. VS Code answers `workspace/configuration` with the manifest's defaults for
 * settings nobody set (`nursery.preset` = "recommended", …), and the server lets settings win over nursery.json; so
 * only values the user set (user, workspace or folder, language-specific included) are passed on.
 */
const overridableSettings = ["preset", "runtimeModule", "requireSuppressionReason"] as const;

function explicitOnly(value: unknown, scopeUri: string | undefined): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  const config = workspace.getConfiguration("nursery", scopeUri ? Uri.parse(scopeUri) : undefined);
  const result: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const key of overridableSettings) {
    const inspected = config.inspect(key);
    const values = inspected && [
      inspected.globalValue,
      inspected.workspaceValue,
      inspected.workspaceFolderValue,
      inspected.globalLanguageValue,
      inspected.workspaceLanguageValue,
      inspected.workspaceFolderLanguageValue,
    ];
    if (!values?.some((v) => v !== undefined)) delete result[key];
  }
  return result;
}

const documentSelector = ["typescript", "typescriptreact", "javascript", "javascriptreact"].map((language) => ({
  scheme: "file",
  language,
}));

function createClient(context: ExtensionContext, channel: LogOutputChannel): LanguageClient {
  const serverModule = context.asAbsolutePath(path.join("dist", "server.js"));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6010"] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: channel,
    middleware: {
      workspace: {
        configuration: async (params, token, next) => {
          const values = await next(params, token);
          if (!Array.isArray(values)) return values;
          return values.map((value, i) => (params.items[i]?.section === "nursery" ? explicitOnly(value, params.items[i]?.scopeUri) : value));
        },
      },
    },
    synchronize: {
      // Project membership and configuration live in these files; the server reloads when they change.
      fileEvents: [
        workspace.createFileSystemWatcher("**/{tsconfig*.json,jsconfig.json,package.json,nursery.json}"),
        workspace.createFileSystemWatcher("**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}", false, true, false),
      ],
    },
  };
  return new LanguageClient("nursery", "Nursery", serverOptions, clientOptions);
}

function showStatus(status: StatusParams | "starting" | "stopped"): void {
  if (!statusItem) return;
  if (status === "starting" || status === "stopped") {
    statusItem.text = status === "starting" ? "$(sync~spin) Nursery" : "$(circle-slash) Nursery";
    statusItem.tooltip = status === "starting" ? "Nursery: starting the language server" : "Nursery: the language server is not running";
    statusItem.backgroundColor = undefined;
  } else {
    const icon = status.state === "ok" ? "$(check)" : status.state === "warning" ? "$(warning)" : "$(error)";
    statusItem.text = `${icon} Nursery`;
    statusItem.tooltip =
      `Nursery: ${status.projects} project(s), ${status.filesAnalysed} file analyses` +
      (status.lastError ? `\nLast error: ${status.lastError.split("\n")[0]}` : status.state === "warning" ? "\nA config file has problems" : "");
  }
  statusItem.show();
}

export function activate(context: ExtensionContext): void {
  output = window.createOutputChannel("Nursery", { log: true });
  statusItem = window.createStatusBarItem("nursery.status", StatusBarAlignment.Right, 100);
  statusItem.name = "Nursery";
  statusItem.command = "nursery.showOutput";
  client = createClient(context, output);
  const started = client;
  context.subscriptions.push(
    output,
    statusItem,
    client.onNotification(statusNotification, (status) => showStatus(status)),
    client.onDidChangeState(({ newState }) => showStatus(newState === State.Stopped ? "stopped" : "starting")),
    commands.registerCommand("nursery.restart", async () => {
      output?.info("Restarting the Nursery language server…");
      await client?.restart();
    }),
    commands.registerCommand("nursery.showOutput", () => output?.show(true)),
    commands.registerCommand("nursery.openDocs", (url: string) => env.openExternal(Uri.parse(url))),
    commands.registerCommand("nursery.fixAll", async () => {
      const editor = window.activeTextEditor;
      if (!editor) return;
      await commands.executeCommand("editor.action.codeAction", { kind: "source.fixAll.nursery", apply: "first" });
    }),
  );
  showStatus("starting");
  // Activation must not wait for the server: start it in the background and report failures in the output channel.
  void started.start().then(
    () => output?.info(`Nursery ${context.extension.packageJSON.version as string} started.`),
    (error: unknown) => {
      output?.error(`Nursery: the language server failed to start: ${String(error)}`);
      showStatus("stopped");
    },
  );
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  await running?.stop();
}
