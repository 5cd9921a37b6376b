// The version of the git that runs, for the few places where its output depends on it.
import { gitOk } from './invoke.ts';

type GitVersion = [number, number, number];

let known: Promise<GitVersion> | undefined;

/** `git version`, parsed once per process (`git version 2.39.5` -> [2, 39, 5]). */
export function gitVersion(gitDir: string): Promise<GitVersion> {
  known ??= gitOk({ gitDir, args: ['version'] }).then((out) => parseGitVersion(out.toString('utf8')));
  return known;
}

function parseGitVersion(text: string): GitVersion {
  const m = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  return [Number(m?.[1] ?? 0), Number(m?.[2] ?? 0), Number(m?.[3] ?? 0)];
}

/** Whether version `v` is `at` or later. */
export function versionAtLeast(v: GitVersion, at: GitVersion): boolean {
  for (let i = 0; i < 3; i++)
    if ((v[i] as number) !== (at[i] as number)) return (v[i] as number) > (at[i] as number);
  return true;
}
