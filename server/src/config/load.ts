import * as fs from "node:fs";
import * as path from "node:path";
import { ConfigError, defaultNurseryConfig, parseConfig, type NurseryConfig } from "./config";

export const configFileName = "nursery.json";

/** The nearest `nursery.json` at or above `dir`, or undefined. */
export function findConfigFile(dir: string): string | undefined {
  for (let current = path.resolve(dir); ; ) {
    const candidate = path.join(current, configFileName);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Reads and validates a config file; throws ConfigError (with positions) or an Error naming the file. */
export function loadConfigFile(file: string): NurseryConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigError(file, [{ message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, offset: 0, length: 0 }], "");
  }
  return parseConfig(file, text);
}

/** The config that applies to files in `dir`: its nearest nursery.json, or the defaults. */
export function configFor(dir: string): { config: NurseryConfig; file?: string } {
  const file = findConfigFile(dir);
  return file ? { config: loadConfigFile(file), file } : { config: defaultNurseryConfig };
}
