// What an npm manifest requirement says: a registry range, an exact pin, an `npm:` alias,
// or a non-registry source (git, URL, file, link, workspace) whose credentials are removed.
import semver from 'semver';
import { redactUrl } from '../redact-url.ts';

interface NpmRequirement {
  name: string;
  version: string | null;
  requirement: string;
  source: string | null;
}

const SOURCE =
  /^(?:git\+|git:|github:|gitlab:|bitbucket:|gist:|https?:|file:|link:|portal:|workspace:|patch:)/;
const GITHUB_SHORTHAND = /^[\w.-]+\/[\w.-]+(?:#.*)?$/;

export function readRequirement(name: string, raw: string): NpmRequirement {
  const spec = raw.trim();
  if (spec.startsWith('npm:')) {
    const target = spec.slice(4);
    const at = target.lastIndexOf('@');
    if (at > 0) return readRequirement(target.slice(0, at), target.slice(at + 1));
    return { name: target, version: null, requirement: '*', source: null };
  }
  if (SOURCE.test(spec) || (GITHUB_SHORTHAND.test(spec) && !spec.startsWith('.'))) {
    const clean = redactUrl(spec);
    return { name, version: null, requirement: clean, source: clean };
  }
  const exact = semver.valid(spec) !== null && !/^[=v]/.test(spec) ? spec : null;
  return { name, version: exact, requirement: spec, source: null };
}
