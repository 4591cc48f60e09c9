import {
  CodeActionKind,
  createConnection,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  NotificationType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type InitializeResult,
  type WorkspaceDocumentDiagnosticReport,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { URI } from "vscode-uri";
import { ts } from "../typescript";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Finding } from "../analysis/types";
import { ConfigError, defaultNurseryConfig, mergeConfig, type NurseryConfig } from "../config/config";
import { ConfigResolver } from "../config/resolver";
import { Workspace, type PreviousAnalysis } from "../workspace/workspace";
import { fixAllAction, fixAllKind, quickFixesFor, resolveEdit, workspaceEdit, type ActionData } from "./code-actions";
import { findingIndexOf, sameDiagnostics, toDiagnostic, type DiagnosticData } from "./convert";
import { defaultSettings, settingsOverrides, type Settings } from "./settings";

declare const NURSERY_VERSION: string;
const version = typeof NURSERY_VERSION === "string" ? NURSERY_VERSION : "dev";

/** Shown by the client as a status bar item. */
export interface StatusParams {
  state: "ok" | "warning" | "error";
  projects: number;
  filesAnalysed: number;
  lastError?: string;
}
export const statusNotification = new NotificationType<StatusParams>("nursery/status");

/** The latest analysis of an open document; code actions and unchanged pull results reuse it. */
interface DocumentAnalysis {
  version: number;
  generation: number;
  resultId: string;
  findings: Finding[];
  diagnostics: Diagnostic[];
  config: NurseryConfig;
  /** What the next edit's incremental analysis starts from: the text analysed, its outline, the rules' findings before suppressions. */
  previous?: PreviousAnalysis;
  /** How many of the document's own edits `generation` counted when this was made (the rest came from elsewhere). */
  ownEdits?: number;
  /** Only the edited function was re-analysed: a full analysis follows when typing pauses, and before code actions. */
  provisional?: boolean;
}

/** Time to wait after a keystroke before analysing (push mode), so a burst of typing costs one run. */
const debounceMs = 100;
/** Typing pause after which a provisional (incremental) analysis is checked by a full one. */
const verifyDelayMs = 400;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const configs = new ConfigResolver();
  const analyses = new Map<string, DocumentAnalysis>();
  const settingsCache = new Map<string, Promise<Settings>>();
  const timers = new Map<string, NodeJS.Timeout>();
  const verifyTimers = new Map<string, NodeJS.Timeout>();
  /** Edits per document: the part of `generation` a document's own typing accounts for. */
  const ownEdits = new Map<string, number>();
  const configProblemFiles = new Set<string>();
  const loadedProjects = new Set<unknown>();
  const loggedFailures = new Set<string>();
  /** Bumped by anything that can change any file's findings: edits (types flow across files), config, files on disk. */
  let generation = 0;
  let filesAnalysed = 0;
  let lastError: string | undefined;
  let client = { configuration: false, pull: false, refresh: false, resolve: false, progress: false };

  const log = (message: string) => connection.console.info(message);
  const fail = (message: string) => {
    lastError = message;
    connection.console.error(message);
    sendStatus();
  };
  const sendStatus = () => {
    void connection
      .sendNotification(statusNotification, {
        state: lastError ? "error" : configProblemFiles.size > 0 ? "warning" : "ok",
        projects: workspace.loadedProjects().length,
        filesAnalysed,
        lastError,
      })
      .catch(() => {});
  };

  const workspace = new Workspace((configFile, message) => {
    fail(`Nursery: ${message}`);
    void connection.sendDiagnostics({
      uri: URI.file(configFile).toString(),
      diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: DiagnosticSeverity.Error, source: "nursery", message }],
    });
  });

  const fileNameOf = (uri: string): string | undefined => {
    const parsed = URI.parse(uri);
    return parsed.scheme === "file" ? parsed.fsPath : undefined;
  };

  const settingsFor = (uri: string): Promise<Settings> => {
    if (!client.configuration) return Promise.resolve(defaultSettings);
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

  /** A broken nursery.json: diagnostics on the file itself, and the defaults (plus settings) meanwhile. */
  const configFor = (fileName: string, settings: Settings): NurseryConfig => {
    const overrides = settingsOverrides(settings, (message) => connection.console.warn(message));
    try {
      const config = configs.configFor(fileName, overrides);
      const configFile = configs.configFileFor(fileName);
      if (configFile && configProblemFiles.delete(configFile)) {
        void connection.sendDiagnostics({ uri: URI.file(configFile).toString(), diagnostics: [] });
        sendStatus();
      }
      return config;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      if (!configProblemFiles.has(error.file)) {
        configProblemFiles.add(error.file);
        const configDocument = TextDocument.create(URI.file(error.file).toString(), "json", 0, error.text);
        void connection.sendDiagnostics({
          uri: configDocument.uri,
          diagnostics: error.problems.map((problem) => ({
            range: { start: configDocument.positionAt(problem.offset), end: configDocument.positionAt(problem.offset + Math.max(problem.length, 1)) },
            severity: DiagnosticSeverity.Error,
            source: "nursery",
            message: problem.message,
          })),
        });
        connection.console.error(`Nursery: ${error.message}. Using the default configuration until it is fixed.`);
        sendStatus();
      }
      return mergeConfig(defaultNurseryConfig, overrides);
    }
  };

  const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

  /**
   * Open documents whose text the workspace has not seen yet. Types flow across files, so before analysing any file
   * every open document's current text must be in its project: otherwise a file analysed first (after an edit elsewhere,
   * or after `workspace.reset()`) would see the other files' text on disk and keep that stale result.
   */
  const unsynced = new Set<string>();
  const syncOpenDocuments = () => {
    for (const uri of unsynced) {
      const document = documents.get(uri);
      const fileName = fileNameOf(uri);
      if (document && fileName && workspace.isLintable(fileName)) workspace.update(fileName, document.getText());
    }
    unsynced.clear();
  };

  /**
   * Analyses the document's current text (or returns the analysis already made for this version and generation).
   * `incremental`: when only this document's text changed since its last analysis and the edit stayed inside one
   * function body, re-analyse that function alone (a provisional result, verified by a full analysis when typing pauses).
   * `warmUp`: first analyse the file part by part, yielding in between, and give up if the document changes meanwhile.
   */
  const analyse = async (document: TextDocument, { token, incremental = false, warmUp = false }: { token?: CancellationToken; incremental?: boolean; warmUp?: boolean } = {}): Promise<DocumentAnalysis | undefined> => {
    const fileName = fileNameOf(document.uri);
    if (!fileName || !workspace.isLintable(fileName)) return undefined;
    const cached = analyses.get(document.uri);
    if (cached && cached.version === document.version && cached.generation === generation && (incremental || !cached.provisional)) return cached;
    const edits = ownEdits.get(document.uri) ?? 0;
    const onlyOwnEdits = cached?.ownEdits !== undefined && generation - cached.generation === edits - cached.ownEdits;
    const previous = incremental && onlyOwnEdits ? cached?.previous : undefined;
    const settings = await settingsFor(document.uri);
    const startGeneration = generation;
    const isStale = () => token?.isCancellationRequested === true || documents.get(document.uri)?.version !== document.version;
    if (isStale()) return undefined;
    const resultId = `${document.version}:${startGeneration}`;
    if (!settings.enable) {
      const disabled: DocumentAnalysis = { version: document.version, generation: startGeneration, resultId, findings: [], diagnostics: [], config: defaultNurseryConfig };
      analyses.set(document.uri, disabled);
      return disabled;
    }
    try {
      const config = configFor(fileName, settings);
      const firstInProject = !workspace.isLoaded(fileName);
      const progress = firstInProject && client.progress ? await connection.window.createWorkDoneProgress() : undefined;
      progress?.begin("Nursery", undefined, `Loading the project of ${path.basename(fileName)}`);
      if (progress) await tick();
      try {
        unsynced.add(document.uri);
        syncOpenDocuments();
        if (warmUp) {
          // One part of the file at a time, yielding in between: a keystroke meanwhile waits for one part, not the file.
          for (const _ of workspace.warmUp(fileName, { config })) {
            await tick();
            if (isStale() || generation !== startGeneration) return undefined;
          }
        }
        const analysis = workspace.analyze(fileName, { config, isCancelled: () => documents.get(document.uri)?.version !== document.version }, previous);
        if (!analysis) return undefined;
        for (const failure of analysis.failures) {
          // Once per rule and error: a rule that throws on every keystroke must not flood the log.
          const key = `${failure.rule}\0${failure.error.message}`;
          if (loggedFailures.has(key)) continue;
          loggedFailures.add(key);
          fail(`Nursery: rule "${failure.rule}" failed on ${fileName} (the other rules still report): ${failure.error.stack ?? failure.error.message}`);
        }
        if (!loadedProjects.has(analysis.project)) {
          loadedProjects.add(analysis.project);
          log(`Nursery: loaded ${analysis.project.configFile ?? "loose files (default options)"} for ${fileName}`);
        }
        filesAnalysed++;
        const diagnostics = analysis.findings.map((finding, index) => toDiagnostic(document, finding, index));
        const result: DocumentAnalysis = {
          version: document.version,
          generation: startGeneration,
          resultId: analysis.incremental ? `${resultId}:incremental` : resultId,
          findings: analysis.findings,
          diagnostics,
          config,
          previous: { text: analysis.sourceFile.text, outline: analysis.outline, ruleFindings: analysis.ruleFindings },
          ownEdits: edits,
          provisional: analysis.incremental,
        };
        // A full analysis that confirms the provisional one keeps its resultId: the client has these diagnostics.
        const replacesProvisional = cached?.provisional && !analysis.incremental && cached.version === result.version && cached.generation === result.generation;
        if (replacesProvisional && sameDiagnostics(cached.diagnostics, diagnostics)) result.resultId = cached.resultId;
        analyses.set(document.uri, result);
        if (replacesProvisional && result.resultId !== cached.resultId) {
          // The full analysis found what the provisional one could not see: the client shows stale diagnostics.
          if (!client.pull) void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics }).catch(() => {});
          else if (client.refresh) void connection.languages.diagnostics.refresh().catch(() => {});
        }
        if (result.provisional) scheduleVerify(document);
        sendStatus();
        return result;
      } finally {
        progress?.done();
      }
    } catch (error) {
      if (error instanceof Error && error.name === "AnalysisCancelledError") return undefined;
      fail(`Nursery: analysis of ${fileName} failed: ${error instanceof Error ? error.stack : String(error)}`);
      return undefined;
    }
  };

  /** Runs `run` on the document `delay` ms from now, unless asked again for the same document before then. */
  const later = (pending: Map<string, NodeJS.Timeout>, uri: string, delay: number, run: (current: TextDocument) => void) => {
    clearTimeout(pending.get(uri));
    pending.set(
      uri,
      setTimeout(() => {
        pending.delete(uri);
        const current = documents.get(uri);
        if (current) run(current);
      }, delay),
    );
  };

  /** After a typing pause, replace a provisional analysis by a full one (which tells the client if findings changed). */
  const scheduleVerify = (document: TextDocument) =>
    later(verifyTimers, document.uri, verifyDelayMs, (current) => {
      if (current.version === document.version && analyses.get(current.uri)?.provisional) void analyse(current, { warmUp: true });
    });

  // Push mode (clients without pull diagnostics): debounce, analyse, publish.
  const publish = async (document: TextDocument) => {
    const result = await analyse(document, { incremental: true });
    if (!result || documents.get(document.uri)?.version !== document.version) return;
    await connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: result.diagnostics }).catch(() => {});
  };
  const schedulePush = (document: TextDocument, delay = debounceMs) => later(timers, document.uri, delay, (current) => void publish(current));

  let refreshTimer: NodeJS.Timeout | undefined;
  /** Everything may have changed: pull clients re-ask, push clients get fresh diagnostics (edited file first). */
  const refreshAll = (except?: string, delay = debounceMs * 3) => {
    if (client.pull) {
      if (!client.refresh) return;
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => void connection.languages.diagnostics.refresh().catch(() => {}), delay);
      return;
    }
    for (const document of documents.all()) if (document.uri !== except) schedulePush(document, delay);
  };

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    client = {
      configuration: Boolean(capabilities.workspace?.configuration),
      pull: Boolean(capabilities.textDocument?.diagnostic),
      refresh: Boolean(capabilities.workspace?.diagnostics?.refreshSupport),
      resolve: Boolean(capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes("edit")),
      progress: Boolean(capabilities.window?.workDoneProgress),
    };
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: {
          codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, fixAllKind],
          resolveProvider: true,
        },
        executeCommandProvider: undefined,
        diagnosticProvider: client.pull ? { identifier: "nursery", interFileDependencies: true, workspaceDiagnostics: true } : undefined,
      },
      serverInfo: { name: "nursery", version },
    };
  });

  connection.onInitialized(() => {
    log(`Nursery language server ${version} (TypeScript ${ts.version}, Node ${process.version}); diagnostics: ${client.pull ? "pull" : "push"}`);
    if (client.configuration) void connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(() => {});
    sendStatus();
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    generation++;
    refreshAll(undefined, 0);
  });

  let watchedTimer: NodeJS.Timeout | undefined;
  connection.onDidChangeWatchedFiles(({ changes }) => {
    const names = changes.map((change) => path.basename(URI.parse(change.uri).fsPath));
    if (names.includes("nursery.json")) configs.invalidate();
    // tsconfig or package.json edits, and source files created or deleted, change project membership: reload.
    if (names.some((name) => name !== "nursery.json")) {
      clearTimeout(watchedTimer);
      watchedTimer = setTimeout(() => {
        workspace.reset();
        for (const document of documents.all()) unsynced.add(document.uri);
        loadedProjects.clear();
        generation++;
        refreshAll(undefined, 0);
      }, 200);
      return;
    }
    generation++;
    refreshAll(undefined, 0);
  });

  documents.onDidOpen(({ document }) => {
    unsynced.add(document.uri);
    if (!client.pull) schedulePush(document, 0);
  });
  documents.onDidChangeContent(({ document }) => {
    unsynced.add(document.uri);
    generation++;
    ownEdits.set(document.uri, (ownEdits.get(document.uri) ?? 0) + 1);
    if (!client.pull) schedulePush(document);
    refreshAll(document.uri);
  });
  documents.onDidClose(({ document }) => {
    unsynced.delete(document.uri);
    clearTimeout(timers.get(document.uri));
    timers.delete(document.uri);
    clearTimeout(verifyTimers.get(document.uri));
    verifyTimers.delete(document.uri);
    ownEdits.delete(document.uri);
    analyses.delete(document.uri);
    settingsCache.delete(document.uri);
    const fileName = fileNameOf(document.uri);
    if (fileName) workspace.close(fileName);
    generation++;
    if (!client.pull) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] }).catch(() => {});
    refreshAll();
  });

  connection.languages.diagnostics.on(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    const result = document ? await analyse(document, { token, incremental: true }) : undefined;
    if (!result) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    if (params.previousResultId === result.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: result.resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId: result.resultId, items: result.diagnostics };
  });

  connection.languages.diagnostics.onWorkspace(async (params, token) => {
    const previous = new Map(params.previousResultIds.map((entry) => [entry.uri, entry.value]));
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    for (const project of workspace.loadedProjects()) {
      for (const fileName of project.lintableFiles()) {
        if (token.isCancellationRequested) return { items };
        const uri = URI.file(fileName).toString();
        const open = documents.get(uri);
        if (open) continue; // open documents are reported through textDocument/diagnostic
        let stat: fs.Stats;
        try {
          stat = fs.statSync(fileName);
        } catch {
          continue;
        }
        const resultId = `disk:${stat.mtimeMs}:${generation}`;
        if (previous.get(uri) === resultId) {
          items.push({ uri, version: null, kind: DocumentDiagnosticReportKind.Unchanged, resultId });
          continue;
        }
        const config = configFor(fileName, await settingsFor(uri));
        syncOpenDocuments();
        const analysis = workspace.analyze(fileName, { config });
        if (!analysis) continue;
        const document = TextDocument.create(uri, "typescript", 0, analysis.sourceFile.text);
        items.push({
          uri,
          version: null,
          kind: DocumentDiagnosticReportKind.Full,
          resultId,
          items: analysis.findings.map((finding, index) => toDiagnostic(document, finding, index)),
        });
        await tick();
      }
    }
    return { items };
  });

  const actionSource = (uri: string) => {
    const document = documents.get(uri);
    const analysis = analyses.get(uri);
    const fileName = fileNameOf(uri);
    if (!document || !analysis || !fileName || analysis.version !== document.version) return undefined;
    const project = workspace.projectFor(fileName);
    const sourceFile = project.sourceFile(fileName);
    if (!sourceFile || sourceFile.text !== document.getText()) return undefined;
    const runtimeResolves = () => project.resolvesModule(analysis.config.runtimeModule, sourceFile);
    return { document, sourceFile, findings: analysis.findings, config: analysis.config, runtimeResolves };
  };

  connection.onCodeAction(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    await analyse(document);
    const source = actionSource(params.textDocument.uri);
    if (!source) return [];
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
    const actions: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix)) {
      for (const diagnostic of params.context.diagnostics) {
        if (diagnostic.source !== "nursery") continue;
        const data = diagnostic.data as DiagnosticData | undefined;
        if (!data || data.version !== document.version) continue;
        // The diagnostic may come from a provisional analysis whose findings were numbered differently.
        const index = findingIndexOf(document, source.findings, diagnostic, data.index);
        if (index !== undefined) actions.push(...quickFixesFor(diagnostic, index, source, !client.resolve));
      }
    }
    if (only && wants(fixAllKind)) {
      const fixAll = fixAllAction(source);
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  });

  connection.onCodeActionResolve((action) => {
    const data = action.data as ActionData | undefined;
    if (!data || action.edit) return action;
    const source = actionSource(data.uri);
    if (!source || source.document.version !== data.version) return action;
    const edits = resolveEdit(data, source);
    if (edits && edits.length > 0) action.edit = workspaceEdit(source.document, edits);
    return action;
  });

  documents.listen(connection);
  connection.listen();
}

if (require.main === module) {
  const connection = createConnection(ProposedFeatures.all);
  // A bug of ours must not take the editor's linting down: log it and keep serving.
  process.on("uncaughtException", (error) => connection.console.error(`Nursery: internal error: ${error.stack ?? error.message}`));
  process.on("unhandledRejection", (reason) => connection.console.error(`Nursery: internal error: ${String(reason)}`));
  startServer(connection);
}
