// The one way a scan gets its collectors and analyses: a source it asks once, when the first
// repository needs them. The command line reads the registries; tests give their own.
import type { Analysis } from '../analyses/types.ts';
import type { FileCollector } from '../collectors/types.ts';
import { type OfficeWorkspace, officeInputsHash } from '../office/inputs.ts';
import type { PluginRun } from '../store/snapshot-plugins.ts';

export interface Plugins {
  collectors: readonly FileCollector[];
  /** Run in this order on each new snapshot; empty to collect facts only. */
  analyses: readonly Analysis[];
}

/** Asked for the plugins when a repository needs them; asked again, it gives the same ones. */
export type PluginSource = () => Promise<Plugins>;

/** These collectors and analyses (none of a kind not given). */
export function givenPlugins(plugins: Partial<Plugins>): PluginSource {
  const fixed: Plugins = { collectors: plugins.collectors ?? [], analyses: plugins.analyses ?? [] };
  return async () => fixed;
}

/**
 * Every registered collector, and `analyses` (default: every registered analysis), imported on first
 * use only, so that a command with nothing to scan does not load them.
 */
export function registryPlugins(analyses?: readonly Analysis[]): PluginSource {
  let loading: Promise<Plugins> | undefined;
  return () => {
    loading ??= (async () => ({
      collectors: (await import('../collectors/registry.ts')).COLLECTORS,
      analyses: analyses ?? (await import('../analyses/registry.ts')).ANALYSES,
    }))();
    return loading;
  };
}

/** What a snapshot records of the plugins that make it, with a hash of the office inputs each analysis reads. */
export function pluginRuns(plugins: Plugins, workspace: OfficeWorkspace): PluginRun[] {
  return [
    ...plugins.collectors.map((c) => ({
      kind: 'collector' as const,
      id: c.id,
      version: c.version,
      area: null,
      inputs: null,
    })),
    ...plugins.analyses.map((a) => ({
      kind: 'analysis' as const,
      id: a.id,
      version: a.version,
      area: a.area,
      inputs: officeInputsHash(a.reads, workspace),
    })),
  ];
}
