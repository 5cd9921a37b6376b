// Tool names of the version managers (asdf's `.tool-versions`, mise's `[tools]`) that name a runtime
// cto knows. Tools that are not a runtime (kubectl, helm, jq) are not listed and are not runtimes.
import type { RuntimeKind } from './types.ts';

/** Tool (asdf plugin or mise tool) name, lower case -> runtime kind. */
const TOOL_KINDS: Readonly<Record<string, RuntimeKind>> = {
  nodejs: 'node',
  node: 'node',
  python: 'python',
  ruby: 'ruby',
  java: 'java',
  golang: 'go',
  go: 'go',
  dotnet: 'dotnet',
  'dotnet-core': 'dotnet',
  terraform: 'terraform',
  opentofu: 'terraform',
  rust: 'rust',
  php: 'php',
};

/** The runtime kind a tool name stands for, or undefined when it names no runtime. */
export function runtimeKindOfTool(tool: string): RuntimeKind | undefined {
  return Object.hasOwn(TOOL_KINDS, tool.toLowerCase()) ? TOOL_KINDS[tool.toLowerCase()] : undefined;
}
