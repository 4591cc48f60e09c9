import * as fs from "node:fs";
import * as path from "node:path";
import { globSync, isDynamicPattern } from "tinyglobby";
import { findOwningProject, findTsconfig, isLintableFile, LintProject } from "../workspace/project";

/** Which files to lint, grouped by the project whose options and types they are checked with. */
export interface LintTarget {
  project: LintProject;
  files: string[];
}

const skippedFolders = new Set(["node_modules", ".git", "dist", "out", "build", "coverage"]);

function walk(dir: string, into: string[]): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skippedFolders.has(entry.name) && !entry.name.startsWith(".")) walk(full, into);
    } else if (entry.isFile() && isLintableFile(full)) {
      into.push(full);
    }
  }
}

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/**
 * Resolves the command line's paths and `--project`s into targets. Throws `ProjectConfigError` for a broken tsconfig
 * and a plain Error naming the path for one that does not exist.
 */
export function resolveTargets(paths: readonly string[], projectFiles: readonly string[]): LintTarget[] {
  const projects = new Map<string, LintProject>();
  const loadProject = (configFile: string) => {
    const key = path.resolve(configFile);
    let project = projects.get(key);
    if (!project) {
      project = LintProject.fromTsconfig(configFile);
      projects.set(key, project);
    }
    return project;
  };
  const explicitProjects = projectFiles.map(loadProject);
  const requested = paths.length > 0 ? paths : explicitProjects.length > 0 ? [] : ["."];

  const filesByProject = new Map<LintProject, Set<string>>();
  const looseFiles = new Set<string>();
  const assign = (file: string) => {
    const owner =
      explicitProjects.find((project) => project.contains(file)) ??
      (explicitProjects.length === 0 ? ownerByNearestTsconfig(file) : undefined);
    if (owner) {
      let files = filesByProject.get(owner);
      if (!files) filesByProject.set(owner, (files = new Set()));
      files.add(path.resolve(file));
    } else {
      looseFiles.add(path.resolve(file));
    }
  };
  // Files of one folder share their nearest tsconfig: looked up once per folder, not once per file.
  const tsconfigByFolder = new Map<string, string | undefined>();
  const ownerByNearestTsconfig = (file: string) => {
    const absolute = path.resolve(file);
    const folder = path.dirname(absolute);
    let configFile = tsconfigByFolder.get(folder);
    if (configFile === undefined && !tsconfigByFolder.has(folder)) tsconfigByFolder.set(folder, (configFile = findTsconfig(folder)));
    return configFile ? findOwningProject(absolute, configFile, loadProject) : undefined;
  };

  if (requested.length === 0) {
    for (const project of explicitProjects) for (const file of project.lintableFiles()) assign(file);
  }
  for (const requestedPath of requested) {
    const absolute = path.resolve(requestedPath);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      // Not a path: a glob, as ESLint takes them (quoted so the shell leaves it alone). Like the folder walk, it does
      // not follow symlinks: a link to a parent folder would report the same files again under another path.
      const matches = isDynamicPattern(requestedPath)
        ? globSync(requestedPath, { absolute: true, ignore: ["**/node_modules/**"], dot: false, followSymbolicLinks: false }).filter(isLintableFile)
        : [];
      if (matches.length === 0) throw new Error(`No files matching "${requestedPath}" were found.`);
      for (const file of matches) assign(path.normalize(file));
      continue;
    }
    if (stat.isDirectory()) {
      const found: string[] = [];
      walk(absolute, found);
      // Files a tsconfig includes from elsewhere under this folder (e.g. through `include`) count too.
      for (const project of explicitProjects) found.push(...project.lintableFiles().filter((f) => isInside(f, absolute)));
      for (const file of new Set(found)) assign(file);
    } else if (stat.isFile()) {
      if (!isLintableFile(absolute)) throw new Error(`"${requestedPath}" is not a TypeScript or JavaScript source file.`);
      assign(absolute);
    } else {
      throw new Error(`"${requestedPath}" is neither a file nor a folder.`);
    }
  }

  const targets: LintTarget[] = [...filesByProject].map(([project, files]) => ({ project, files: [...files].sort() }));
  if (looseFiles.size > 0) {
    const files = [...looseFiles].sort();
    targets.push({ project: LintProject.loose(process.cwd(), files), files });
  }
  return targets;
}

