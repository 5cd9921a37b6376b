// The one way a scan gets its collectors and analyses: a source it asks for what they declare (to
// plan), then for the plugins themselves when a repository has something to read or run. The command
// line reads the registries; tests give their own.
import type { Analysis } from '../analyses/types.ts';
import type { FileCollector } from '../collectors/types.ts';
import { type OfficeInput, type OfficeWorkspace, officeInputsHash } from '../office/inputs.ts';
import type { PluginRun } from '../store/snapshot-plugins.ts';
import { cachedDeclarations, pluginsFingerprint } from './plugin-cache.ts';

export interface Plugins {
  collectors: readonly FileCollector[];
  /** Run in this order on each new snapshot; empty to collect facts only. */
  analyses: readonly Analysis[];
}

/** What a plugin declares: all a plan needs to compare it with what made a snapshot. */
export interface PluginDeclaration {
  kind: 'collector' | 'analysis';
  id: string;
  version: number;
  /** An analysis's report area; null for a collector. */
  area: string | null;
  /** The office inputs an analysis reads; for a collector, the exposure rules its facts are judged by. */
  reads: readonly OfficeInput[];
  /** The analyses whose results an analysis reads. */
  after: readonly string[];
}

export interface PluginSource {
  /** What the plugins declare: collectors, then analyses in run order. */
  declarations(): Promise<readonly PluginDeclaration[]>;
  /** The plugins; asked again, the same ones. */
  load(): Promise<Plugins>;
}

/** These collectors and analyses (none of a kind not given). */
export function givenPlugins(plugins: Partial<Plugins>): PluginSource {
  const fixed: Plugins = { collectors: plugins.collectors ?? [], analyses: plugins.analyses ?? [] };
  return { declarations: async () => declarationsOf(fixed), load: async () => fixed };
}

/**
 * Every registered collector, and `analyses` (default: every registered analysis), imported on first
 * use only. With `cacheFile`, their declarations are kept there, so that planning a repository with
 * nothing new does not import them.
 */
export function registryPlugins(analyses?: readonly Analysis[], cacheFile?: string): PluginSource {
  let loading: Promise<Plugins> | undefined;
  const load = () => {
    loading ??= (async () => ({
      collectors: (await import('../collectors/registry.ts')).COLLECTORS,
      analyses: analyses ?? (await import('../analyses/registry.ts')).ANALYSES,
    }))();
    return loading;
  };
  let declared: Promise<readonly PluginDeclaration[]> | undefined;
  const declarations = () => {
    const fromLoad = async () => declarationsOf(await load());
    const selection = analyses ? analyses.map((a) => a.id).join(',') : '(all)';
    declared ??= cacheFile
      ? cachedDeclarations(cacheFile, pluginsFingerprint(selection), fromLoad)
      : fromLoad();
    return declared;
  };
  return { declarations, load };
}

/** What every collector's facts depend on beyond the files: the path rules of exposure (cto.yaml). */
const COLLECTOR_READS: readonly OfficeInput[] = ['config:exposure'];

function declarationsOf(plugins: Plugins): PluginDeclaration[] {
  return [
    ...plugins.collectors.map((c) => ({
      kind: 'collector' as const,
      id: c.id,
      version: c.version,
      area: null,
      reads: COLLECTOR_READS,
      after: [],
    })),
    ...plugins.analyses.map((a) => ({
      kind: 'analysis' as const,
      id: a.id,
      version: a.version,
      area: a.area,
      reads: a.reads,
      after: a.after ?? [],
    })),
  ];
}

/** What a snapshot records of the plugins that make it, with a hash of the office inputs each reads. */
export function pluginRuns(
  declarations: readonly PluginDeclaration[],
  workspace: OfficeWorkspace,
): PluginRun[] {
  return declarations.map((d) => ({
    kind: d.kind,
    id: d.id,
    version: d.version,
    area: d.area,
    inputs: officeInputsHash(d.reads, workspace),
  }));
}
