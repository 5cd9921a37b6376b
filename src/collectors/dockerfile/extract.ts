// One Dockerfile in, base images out. Multi-stage builds: a FROM naming an earlier stage is
// not an image; `ARG` defaults declared before the first FROM are substituted; flags such as
// `--platform=` are skipped; `scratch` is not an image. `COPY --from=<image>` counts too.
// The last stage is what ships: its images, and those of the stages it is built `FROM`, are runtime;
// the images of the other stages (compilers, test runners) are stated as `build`.

import { parseImageRef, redactImageRef } from '../image-ref.ts';
import {
  type Budget,
  type CollectorResult,
  DEFAULT_BUDGET,
  type Diagnostic,
  type FileInput,
  type ImageRef,
} from '../types.ts';
import { diagnostic } from '../yaml-input.ts';
import { instructions } from './logical-lines.ts';

/** `ARG A=1 B="two"` -> entries; an ARG without default maps to undefined. */
function parseArgs(args: string): Array<[string, string | undefined]> {
  const out: Array<[string, string | undefined]> = [];
  for (const m of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)(?:=("[^"]*"|'[^']*'|\S*))?/g)) {
    const raw = m[2];
    out.push([m[1]!, raw === undefined ? undefined : raw.replace(/^(["'])(.*)\1$/, '$2')]);
  }
  return out;
}

/** `${A}`, `$A`, `${A:-x}`, `${A-x}`, `${A:+x}`; unknown variables stay as written. */
function substitute(text: string, vars: ReadonlyMap<string, string | undefined>): string {
  return text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (
      whole,
      braced: string | undefined,
      op: string | undefined,
      word: string | undefined,
      bare: string | undefined,
    ) => {
      const value = vars.get((braced ?? bare)!);
      if (op === ':-' || op === '-') return value ? value : (word ?? '');
      if (op === ':+' || op === '+') return value ? (word ?? '') : '';
      return value ?? whole;
    },
  );
}

function fromParts(args: string): { image: string; stage: string | null } | null {
  const words = args.split(/\s+/).filter((w) => !w.startsWith('--'));
  const image = words[0];
  if (!image) return null;
  const stage = words[1]?.toLowerCase() === 'as' && words[2] ? words[2].toLowerCase() : null;
  return { image, stage };
}

export function extractDockerfile(
  file: FileInput,
  collector: string,
  budget: Budget = DEFAULT_BUDGET,
): CollectorResult {
  if (file.content.length > budget.maxBytes) {
    return { diagnostics: [diagnostic(file.path, collector, 'too-large', `${file.content.length} bytes`)] };
  }
  const images: ImageRef[] = [];
  const diagnostics: Diagnostic[] = [];
  const globalArgs = new Map<string, string | undefined>();
  const stages = new Set<string>();
  // Per stage: the stage it is built FROM (index, or null for an image), and the images it uses.
  const built: Array<{ name: string | null; from: number | null; images: ImageRef[] }> = [];
  const stageIndex = (ref: string) => built.findIndex((b) => b.name === ref.toLowerCase());
  let seenFrom = false;
  for (const { keyword, args, line } of instructions(file.content.toString('utf8'))) {
    if (keyword === 'ARG' && !seenFrom) for (const [k, v] of parseArgs(args)) globalArgs.set(k, v);
    let ref: string | null = null;
    if (keyword === 'FROM') {
      seenFrom = true;
      const parts = fromParts(args);
      if (!parts) continue;
      ref = substitute(parts.image, globalArgs);
      const from = stages.has(ref.toLowerCase()) ? stageIndex(ref) : null;
      if (from !== null) ref = null;
      built.push({ name: parts.stage, from, images: [] });
      if (parts.stage) stages.add(parts.stage);
    } else if (keyword === 'COPY') {
      ref = /--from=(\S+)/.exec(args)?.[1] ?? null;
      if (ref && (/^\d+$/.test(ref) || stages.has(ref.toLowerCase()))) ref = null;
    }
    if (!ref || ref.toLowerCase() === 'scratch') continue;
    const parsed = parseImageRef(ref);
    if (!parsed) {
      diagnostics.push(
        diagnostic(
          file.path,
          collector,
          'unresolved-image',
          `line ${line}: ${redactImageRef(ref).slice(0, 200)}`,
          'info',
        ),
      );
      continue;
    }
    const image: ImageRef = {
      kind: 'docker',
      name: parsed.name,
      version: parsed.version,
      path: file.path,
      line,
    };
    images.push(image);
    built.at(-1)?.images.push(image);
  }
  markBuildStages(built);
  return { images, diagnostics };
}

/** Images of the stages the last stage is not built from are `build`. */
function markBuildStages(built: ReadonlyArray<{ from: number | null; images: ImageRef[] }>): void {
  const shipped = new Set<number>();
  for (let i: number | null = built.length - 1; i !== null && i >= 0 && !shipped.has(i); i = built[i]!.from)
    shipped.add(i);
  built.forEach((stage, i) => {
    if (!shipped.has(i)) for (const image of stage.images) image.exposure = 'build';
  });
}
