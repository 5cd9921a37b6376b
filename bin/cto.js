#!/usr/bin/env node
// Entry point. Kept in plain JavaScript that any Node.js can parse, so that an
// old Node prints one clear line instead of a syntax error.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `cto: needs Node.js 22.18 or newer (24 LTS recommended); this is Node.js ${process.versions.node}. ` +
      'Run it through npm (npx cto ...), which uses the Node.js 24 installed with the project.\n',
  );
  process.exit(2);
}
await import('../src/cli/main.ts');
