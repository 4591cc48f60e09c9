import * as path from "node:path";
import { commands, window, workspace, type ExtensionContext, type LogOutputChannel } from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;
let output: LogOutputChannel | undefined;

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
    synchronize: {
      fileEvents: [
        workspace.createFileSystemWatcher("**/tsconfig*.json"),
        workspace.createFileSystemWatcher("**/nursery.json"),
      ],
    },
  };
  return new LanguageClient("nursery", "Nursery", serverOptions, clientOptions);
}

export async function activate(context: ExtensionContext): Promise<void> {
  output = window.createOutputChannel("Nursery", { log: true });
  client = createClient(context, output);
  context.subscriptions.push(
    output,
    commands.registerCommand("nursery.restart", async () => {
      if (!client) return;
      output?.info("Restarting the Nursery language server…");
      await client.restart();
    }),
    commands.registerCommand("nursery.showOutput", () => output?.show(true)),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  await running?.stop();
}
