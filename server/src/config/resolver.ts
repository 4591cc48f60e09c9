import * as path from "node:path";
import { defaultNurseryConfig, mergeConfig, type NurseryConfig } from "../config/config";
import { findConfigFile, loadConfigFile } from "../config/load";

/** Finds and caches the config for each folder: nearest nursery.json, then the command line's overrides on top. */
export class ConfigResolver {
  private readonly byFile = new Map<string, NurseryConfig>();
  private readonly byDir = new Map<string, string | undefined>();

  constructor(private readonly overrides: Partial<NurseryConfig>) {}

  configFileFor(fileName: string): string | undefined {
    const dir = path.dirname(path.resolve(fileName));
    if (!this.byDir.has(dir)) this.byDir.set(dir, findConfigFile(dir));
    return this.byDir.get(dir);
  }

  /** Throws ConfigError for a broken nursery.json: the CLI exits 2 with its message. */
  configFor(fileName: string): NurseryConfig {
    const configFile = this.configFileFor(fileName);
    const key = configFile ?? "";
    let config = this.byFile.get(key);
    if (!config) {
      config = mergeConfig(configFile ? loadConfigFile(configFile) : defaultNurseryConfig, this.overrides);
      this.byFile.set(key, config);
    }
    return config;
  }
}
