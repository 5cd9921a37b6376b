// `rust-toolchain.toml` (`[toolchain] channel = "1.82.0"`) and the older `rust-toolchain` file (the
// channel alone on one line, or the same TOML): the Rust toolchain rustup installs for the folder, a
// pin of the runtime in use. Channels are `1.82`, `1.82.0`, `stable`, `beta`, `nightly`, with an
// optional date and host (`nightly-2024-05-01`, `1.82.0-x86_64-unknown-linux-gnu`), kept as written.
import { asObject, type FileFacts, InputProblem, readToml, scalarText } from '../read-input.ts';
import type { Runtime } from '../types.ts';
import { basename, versionLines } from '../version-file.ts';

export const COLLECTOR_ID = 'rust-toolchain';

const runtime = (version: string, path: string, source: string): Runtime => ({
  kind: 'rust',
  version,
  path,
  source,
  role: 'pin',
});

export function extractRustToolchain(path: string, text: string): FileFacts {
  const legacy = basename(path) === 'rust-toolchain';
  const lines = versionLines(text);
  // The legacy file names the channel alone on its first line; anything else is read as TOML.
  if (legacy && lines.length === 1 && !/[[=]/.test(lines[0]!.value)) {
    return { runtimes: [runtime(lines[0]!.value, path, 'rust-toolchain')] };
  }
  const toolchain = asObject(readToml(text), path).toolchain;
  if (toolchain === undefined) throw new InputProblem('no-toolchain', 'no [toolchain] table', 'warning');
  const channel = scalarText(asObject(toolchain, '[toolchain]').channel);
  // A toolchain given by `path` (a local build) names no release.
  if (!channel) return {};
  return { runtimes: [runtime(channel.trim(), path, 'toolchain.channel')] };
}
