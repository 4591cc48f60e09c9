import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type InitializeResult,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { URI } from "vscode-uri";
import type { Finding } from "../analysis/types";
import { computeFix, fixesFor } from "../fixes";
import { Workspace } from "../workspace/workspace";
import { toDiagnostic, toLspEdit, type DiagnosticData } from "./convert";

interface Settings {
  enable: boolean;
}
const defaultSettings: Settings = { enable: true };

/** Findings of the latest analysis of a document, kept so code actions need not re-run the rules. */
interface DocumentState {
  version: number;
  findings: Finding[];
}

/** Time to wait after a keystroke before analysing, so a burst of typing costs one run. */
const debounceMs = 120;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const workspace = new Workspace((configFile, message) => {
    connection.console.error(message);
    void connection.window.showWarningMessage(`Nursery: ${message}`);
  });
  const states = new Map<string, DocumentState>();
  const timers = new Map<string, NodeJS.Timeout>();
  const settingsCache = new Map<string, Promise<Settings>>();
  let hasConfigurationCapability = false;

  const fileNameOf = (uri: string): string | undefined => {
    const parsed = URI.parse(uri);
    return parsed.scheme === "file" ? parsed.fsPath : undefined;
  };

  const settingsFor = (uri: string): Promise<Settings> => {
    if (!hasConfigurationCapability) return Promise.resolve(defaultSettings);
    let settings = settingsCache.get(uri);
    if (!settings) {
      settings = connection.workspace
        .getConfiguration({ scopeUri: uri, section: "nursery" })
        .then((value: Partial<Settings> | null) => ({ ...defaultSettings, ...(value ?? {}) }))
        .catch(() => defaultSettings);
      settingsCache.set(uri, settings);
    }
    return settings;
  };

  const publish = (uri: string, version: number, diagnostics: Diagnostic[]) =>
    connection.sendDiagnostics({ uri, version, diagnostics }).catch((error: unknown) => {
      connection.console.error(`Nursery: could not publish diagnostics for ${uri}: ${String(error)}`);
    });

  const validate = async (document: TextDocument): Promise<void> => {
    const fileName = fileNameOf(document.uri);
    if (!fileName || !workspace.isLintable(fileName)) return;
    const settings = await settingsFor(document.uri);
    // The document may have changed or closed while we waited for settings.
    if (documents.get(document.uri)?.version !== document.version) return;
    if (!settings.enable) {
      states.delete(document.uri);
      await publish(document.uri, document.version, []);
      return;
    }
    try {
      workspace.update(fileName, document.getText());
      const analysis = workspace.analyze(fileName);
      if (!analysis) return;
      for (const failure of analysis.failures) {
        connection.console.error(`Nursery: rule "${failure.rule}" failed on ${fileName}: ${failure.error.stack ?? failure.error.message}`);
      }
      states.set(document.uri, { version: document.version, findings: analysis.findings });
      await publish(
        document.uri,
        document.version,
        analysis.findings.map((finding, index) => toDiagnostic(document, finding, index)),
      );
    } catch (error) {
      connection.console.error(`Nursery: analysis of ${fileName} failed: ${error instanceof Error ? error.stack : String(error)}`);
    }
  };

  const schedule = (document: TextDocument, delay = debounceMs) => {
    clearTimeout(timers.get(document.uri));
    timers.set(
      document.uri,
      setTimeout(() => {
        timers.delete(document.uri);
        const current = documents.get(document.uri);
        if (current) void validate(current);
      }, delay),
    );
  };

  const revalidateAll = () => {
    for (const document of documents.all()) schedule(document, 0);
  };

  connection.onInitialize((params): InitializeResult => {
    hasConfigurationCapability = Boolean(params.capabilities.workspace?.configuration);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: "nursery", version: typeof NURSERY_VERSION === "string" ? NURSERY_VERSION : "dev" },
    };
  });

  connection.onInitialized(() => {
    if (hasConfigurationCapability) {
      void connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(() => {});
    }
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    revalidateAll();
  });

  documents.onDidOpen(({ document }) => schedule(document, 0));
  documents.onDidChangeContent(({ document }) => {
    schedule(document);
    // Other open files may depend on this one's types: refresh them after it, at lower priority.
    for (const other of documents.all()) if (other.uri !== document.uri && !timers.has(other.uri)) schedule(other, debounceMs * 4);
  });
  documents.onDidClose(({ document }) => {
    clearTimeout(timers.get(document.uri));
    timers.delete(document.uri);
    states.delete(document.uri);
    settingsCache.delete(document.uri);
    const fileName = fileNameOf(document.uri);
    if (fileName) workspace.close(fileName);
    void publish(document.uri, document.version, []);
  });

  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    const state = states.get(params.textDocument.uri);
    const fileName = fileNameOf(params.textDocument.uri);
    if (!document || !state || !fileName || state.version !== document.version) return [];
    const sourceFile = workspace.projectFor(fileName).sourceFile(fileName);
    if (!sourceFile || sourceFile.text !== document.getText()) return [];
    const actions: CodeAction[] = [];
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== "nursery") continue;
      const data = diagnostic.data as DiagnosticData | undefined;
      if (!data || data.version !== state.version) continue;
      const finding = state.findings[data.index];
      if (!finding) continue;
      for (const [position, fix] of fixesFor(finding).entries()) {
        if (params.context.only && !params.context.only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) continue;
        const edits = computeFix(sourceFile, finding, fix.id);
        if (!edits) continue;
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: position === 0,
          edit: {
            documentChanges: [
              {
                textDocument: { uri: document.uri, version: document.version },
                edits: edits.map((edit) => toLspEdit(document, edit)),
              },
            ],
          },
        });
      }
    }
    return actions;
  });

  documents.listen(connection);
  connection.listen();
}

declare const NURSERY_VERSION: string;

if (require.main === module) {
  startServer(createConnection(ProposedFeatures.all));
}
