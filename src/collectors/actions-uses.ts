// A GitHub Actions `uses:` value (`owner/repo@ref`, `owner/repo/path@ref`, `docker://image:tag`; a
// local `./x` or an expression is none). Shared by the workflow collectors.
import { parseImageRef } from './image-ref.ts';
import type { ImageRef } from './types.ts';

/** One `uses:` value as an image reference, or null when it is local or not a reference. */
export function parseUses(uses: string): Omit<ImageRef, 'path' | 'line'> | null {
  const value = uses.trim();
  if (value.startsWith('docker://')) {
    const image = parseImageRef(value.slice('docker://'.length));
    return image ? { kind: 'docker', ...image } : null;
  }
  if (value.startsWith('.') || value.includes('${{')) return null;
  const match = /^([^@\s/]+\/[^@\s]+?)(?:@(\S+))?$/.exec(value);
  if (!match) return null;
  return { kind: 'github-action', name: match[1]!, version: match[2] ?? null };
}
