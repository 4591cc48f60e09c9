import * as path from "node:path";
import { defaultNurseryConfig, mergeConfig, type NurseryConfig } from "./config";
import { findConfigFile, loadConfigFile } from "./load";

/**
 * Finds and caches the config for each file: its nearest nursery.json, then overrides (command-line flags, editor
 * settings) on top. A broken nursery.json throws ConfigError on every lookup until it is fixed and `invalidate`d.
 */
export class ConfigResolver {
  private readonly fileConfigs = new Map<string, NurseryConfig>();
  private readonly configFileByDir = new Map<string, string | undefined>();

  constructor(private readonly overrides: Partial<NurseryConfig> = {}) {}

  /** Forget everything read so far (a nursery.json was created, changed or deleted). */
  invalidate(): void {
    this.fileConfigs.clear();
    this.configFileByDir.clear();
  }

  configFileFor(fileName: string): string | undefined {
    const dir = path.dirname(path.resolve(fileName));
    if (!this.configFileByDir.has(dir)) this.configFileByDir.set(dir, findConfigFile(dir));
    return this.configFileByDir.get(dir);
  }

  configFor(fileName: string, extraOverrides: Partial<NurseryConfig> = {}): NurseryConfig {
    const configFile = this.configFileFor(fileName);
    let fileConfig = configFile ? this.fileConfigs.get(configFile) : defaultNurseryConfig;
    if (!fileConfig) {
      fileConfig = loadConfigFile(configFile!);
      this.fileConfigs.set(configFile!, fileConfig);
    }
    return mergeConfig(mergeConfig(fileConfig, this.overrides), extraOverrides);
  }
}
