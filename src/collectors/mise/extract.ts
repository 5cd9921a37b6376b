// mise's configuration (`mise.toml`, `.mise.toml`, `mise.local.toml`, `.config/mise.toml`,
// `mise/config.toml`): the `[tools]` table names the tools mise installs for the folder, each a pin of
// the runtime in use. A value is a version (`"22"`, `"3.12.1"`, `"lts"`), a list whose first entry is
// the one used (`["3.12", "3.11"]`), or a table with a `version` key (`{ version = "22" }`). Keys may
// name a backend (`core:node`); only the core tools that are runtimes cto knows are kept, other
// backends (`npm:`, `cargo:`, `ubi:`, `aqua:`) install tools, not runtimes. `system` (whatever the
// machine has), `path:` and `ref:` (local or source builds) name no release and are left out;
// `prefix:3.12` is read as `3.12`.
import { asObject, type FileFacts, InputProblem, readToml, scalarText } from '../read-input.ts';
import { runtimeKindOfTool } from '../tool-kinds.ts';
import type { Runtime } from '../types.ts';

export const COLLECTOR_ID = 'mise';

const CORE_BACKENDS = new Set(['core', 'asdf', 'vfox']);

function toolName(key: string): string | null {
  const colon = key.indexOf(':');
  if (colon < 0) return key;
  return CORE_BACKENDS.has(key.slice(0, colon)) ? key.slice(colon + 1) : null;
}

function firstVersion(value: unknown): string | null {
  if (Array.isArray(value)) return value.length > 0 ? firstVersion(value[0]) : null;
  if (value !== null && typeof value === 'object')
    return scalarText((value as Record<string, unknown>).version);
  return scalarText(value);
}

function releaseOf(written: string): string | null {
  const version = written.trim();
  if (version === '' || version === 'system') return null;
  if (/^(path|ref):/.test(version)) return null;
  return version.replace(/^prefix:/, '');
}

export function extractMise(path: string, text: string): FileFacts {
  const config = asObject(readToml(text), path);
  if (config.tools === undefined) return {};
  const tools = asObject(config.tools, '[tools]');
  const runtimes: Runtime[] = [];
  for (const [key, value] of Object.entries(tools)) {
    const name = toolName(key);
    const kind = name === null ? undefined : runtimeKindOfTool(name);
    if (!kind) continue;
    const written = firstVersion(value);
    const version = written === null ? null : releaseOf(written);
    if (version === null) continue;
    runtimes.push({ kind, version, path, source: `[tools] ${key}`, role: 'pin' });
  }
  if (runtimes.length === 0 && Object.keys(tools).length === 0) {
    throw new InputProblem('no-tools', 'the [tools] table is empty', 'warning');
  }
  return { runtimes };
}
