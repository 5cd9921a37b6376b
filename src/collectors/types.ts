// The contract between the scan engine and file collectors.
//
// A collector reads one kind of input (one manifest or lockfile format, one IaC format) from the
// committed tree of a snapshot and emits facts and diagnostics. It never touches the disk, the
// network or a process: the engine hands it file contents read from git objects.

/** Every ecosystem: the one list, for option values, feeds, technology rules and the type below. */
export const ECOSYSTEMS = [
  'npm',
  'PyPI',
  'crates.io',
  'Go',
  'Maven',
  'RubyGems',
  'Packagist',
  'NuGet',
] as const;

export type Ecosystem = (typeof ECOSYSTEMS)[number];

/**
 * How exposed a fact is (docs/risk.md): `runtime` is shipped to users or runs in production; the others
 * never reach production (`build` tools and build stages, `development` tools, `test` code and test
 * dependencies, `example` and `docs` folders, `ci` workflows). Ordered from most to least exposed.
 */
export const EXPOSURES = ['runtime', 'build', 'ci', 'development', 'test', 'example', 'docs'] as const;

export type Exposure = (typeof EXPOSURES)[number];

export type DependencyScope = 'prod' | 'dev' | 'optional' | 'peer' | 'test' | 'build' | 'provided' | 'system';

/** One package a repository depends on, as one manifest or lockfile states it. */
export interface Dependency {
  ecosystem: Ecosystem;
  /** Name as the ecosystem spells it (PyPI names normalised per PEP 503; Maven `group:artifact`). */
  name: string;
  /** The exact resolved version (from a lockfile), or null when only a requirement is known. */
  version: string | null;
  /** The requirement as written in a manifest (`^1.2.0`, `>=2,<3`), when known. */
  requirement?: string | null;
  /** Declared directly by the project (true) or pulled in by another package (false). */
  direct: boolean;
  scope: DependencyScope;
  /** Path of the manifest or lockfile in the repository that states it. */
  manifestPath: string;
  /** Licence as the file states it (not normalised), when the file carries one. */
  license?: string | null;
  /** Names (same ecosystem) of the packages that depend on this one, when the lockfile says. */
  parents?: string[];
  /** Where the package comes from when not the default registry (git URL, path); credentials removed. */
  source?: string | null;
  /**
   * Exposure the file itself states beyond the scope flag (a Dockerfile build stage is `build`); the
   * collect stage decides the stored exposure from it, the scope and the path (src/collectors/exposure.ts).
   */
  exposure?: Exposure;
}

export type RuntimeKind =
  | 'node'
  | 'python'
  | 'java'
  | 'go'
  | 'ruby'
  | 'dotnet'
  | 'terraform'
  | 'rust'
  | 'php';

/**
 * What a runtime fact says (docs/metrics/supply-chain.md, "Floors and pins"): a `floor` is a declared
 * minimum the project supports (`engines.node`, `requires-python`, Cargo `rust-version`, go.mod's `go`
 * line), a `pin` is the runtime in use (`.nvmrc`, `.python-version`, `rust-toolchain.toml`, go.mod's
 * `toolchain` line).
 */
const RUNTIME_ROLES = ['floor', 'pin'] as const;

export type RuntimeRole = (typeof RUNTIME_ROLES)[number];

/** A language runtime or tool version a repository asks for (.nvmrc, engines, go directive, ...). */
export interface Runtime {
  kind: RuntimeKind;
  /** As written (`>=18`, `3.11`, `net8.0`). */
  version: string;
  path: string;
  /** Where in the file, e.g. `engines.node` or `go directive`. */
  source: string;
  /**
   * Exposure the file itself states beyond the scope flag (a Dockerfile build stage is `build`); the
   * collect stage decides the stored exposure from it, the scope and the path (src/collectors/exposure.ts).
   */
  exposure?: Exposure;
  role: RuntimeRole;
}

export type ImageKind =
  | 'docker'
  | 'compose'
  | 'kubernetes'
  | 'helm'
  | 'github-action'
  | 'terraform-provider'
  | 'terraform-module';

/** A container image, CI action or infrastructure module a repository uses. */
export interface ImageRef {
  kind: ImageKind;
  /** Image or action name without tag (`postgres`, `actions/checkout`, `hashicorp/aws`). */
  name: string;
  /** Tag, digest, ref or version constraint; null when none is given. */
  version: string | null;
  path: string;
  /** 1-based line in the file, when known. */
  line?: number;
  /**
   * Exposure the file itself states beyond the scope flag (a Dockerfile build stage is `build`); the
   * collect stage decides the stored exposure from it, the scope and the path (src/collectors/exposure.ts).
   */
  exposure?: Exposure;
}

export type DiagnosticSeverity = 'info' | 'warning' | 'error';

/** A problem in the scanned material. Data, never an exception. */
export interface Diagnostic {
  path: string;
  collector: string;
  /** Stable short code, e.g. `parse-error`, `too-large`, `unsupported-version`. */
  code: string;
  message: string;
  severity: DiagnosticSeverity;
}

export interface FileInput {
  path: string;
  content: Buffer;
}

/** The facts collectors emit, one list per kind; each kind is one table of the store. */
export interface CollectorFacts {
  dependencies: Dependency[];
  runtimes: Runtime[];
  images: ImageRef[];
}

/** A kind of fact: what a collector declares it emits. */
export type FactKind = keyof CollectorFacts;

export interface CollectorResult extends Partial<CollectorFacts> {
  diagnostics: Diagnostic[];
}

export interface Budget {
  /** Largest file the collector is given, in bytes; larger files become a `too-large` diagnostic. */
  maxBytes: number;
  /** Deepest nesting a parser accepts. */
  maxDepth: number;
}

export const DEFAULT_BUDGET: Budget = { maxBytes: 16 * 1024 * 1024, maxDepth: 200 };

export interface FileCollector {
  /** Stable id, the folder name under src/collectors/. */
  id: string;
  /** Bumped when the output for the same input changes; a new version makes the engine re-collect. */
  version: number;
  /** The kinds of fact `collect` emits; emitting another kind fails the registry's tests. */
  emits: readonly FactKind[];
  /** Globs of the paths `matches` accepts, for people (docs/collectors.md); a test holds the two in step. */
  files: readonly string[];
  /** The format's specification or reference (an https URL). */
  spec: string;
  /** Cheap test on a repository path (posix, no leading slash). No I/O. */
  matches(path: string): boolean;
  /**
   * All files of one snapshot that `matches` accepted, at once (so a collector can resolve
   * cross-file references: workspaces, Maven parents, `-r` includes). Pure: same input, same output.
   * Must not throw on bad input: a bad file becomes a diagnostic and the others are still read.
   */
  collect(files: FileInput[]): CollectorResult;
}
