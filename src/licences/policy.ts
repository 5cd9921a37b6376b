// The licence policy of the workspace (cto.yaml `licences: { allow: [...], deny: [...] }`) and how a
// package's licence is judged against it. An expression is read as its alternatives (`A OR B` lets
// the user pick either; `A AND B` needs both): a package is denied when every alternative needs a
// denied licence, and allowed when some alternative needs only allowed, undenied licences.

import type { ExpressionNode, LicenseNode } from 'spdx-expression-parse';
import satisfies from 'spdx-satisfies';
import { z } from 'zod';
import { CtoError } from '../errors.ts';
import { parseExpression, render } from './normalise.ts';

export interface LicencePolicy {
  /** Simple licences (`MIT`, `GPL-2.0+`, `Apache-2.0 WITH LLVM-exception`); empty: no allow list. */
  allow: string[];
  deny: string[];
}

export type Verdict = 'allowed' | 'denied' | 'not-allowed' | 'unknown';

/** The `licences` section of cto.yaml. */
export const licencePolicySchema = z
  .object({ allow: z.array(z.string()).optional(), deny: z.array(z.string()).optional() })
  .strict();

/** The policy from the workspace configuration; null when it sets none. */
export function policyFromConfig(config: Record<string, unknown>): LicencePolicy | null {
  const raw = config.licences;
  if (raw === undefined || raw === null) return null;
  const parsed = licencePolicySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CtoError(
      'CONFIG_INVALID',
      `cto.yaml: licences.${issue?.path.join('.') ?? ''}: ${issue?.message}`,
    );
  }
  return { allow: terms(parsed.data.allow ?? [], 'allow'), deny: terms(parsed.data.deny ?? [], 'deny') };
}

/** Policy entries as simple licences: an expression entry counts as the licences it names. */
function terms(entries: string[], list: string): string[] {
  const out: string[] = [];
  for (const entry of entries) {
    const node = parseExpression(entry.trim());
    if (!node)
      throw new CtoError(
        'CONFIG_INVALID',
        `cto.yaml: licences.${list}: "${entry}" is not an SPDX expression`,
      );
    out.push(...leaves(node).map((l) => render(l)));
  }
  return [...new Set(out)];
}

function leaves(node: ExpressionNode): LicenseNode[] {
  return 'license' in node ? [node] : [...leaves(node.left), ...leaves(node.right)];
}

const MAX_ALTERNATIVES = 256;

/** The expression as alternatives, each the licences it needs together. */
function alternatives(node: ExpressionNode): LicenseNode[][] {
  if ('license' in node) return [[node]];
  const left = alternatives(node.left);
  const right = alternatives(node.right);
  if (node.conjunction === 'or') return [...left, ...right].slice(0, MAX_ALTERNATIVES);
  const out: LicenseNode[][] = [];
  for (const a of left) for (const b of right) if (out.length < MAX_ALTERNATIVES) out.push([...a, ...b]);
  return out;
}

function matches(term: LicenseNode, list: string[]): boolean {
  if (list.length === 0) return false;
  try {
    return satisfies(render(term), list);
  } catch {
    return list.includes(render(term));
  }
}

/** Verdicts already given under a policy: a repository has many packages and few licences. */
const verdicts = new WeakMap<LicencePolicy, Map<string | null, Verdict>>();

export function judge(expression: string | null, policy: LicencePolicy): Verdict {
  let seen = verdicts.get(policy);
  if (!seen) {
    seen = new Map();
    verdicts.set(policy, seen);
  }
  const known = seen.get(expression);
  if (known) return known;
  const verdict = judgeOnce(expression, policy);
  if (seen.size < MEMO_LIMIT) seen.set(expression, verdict);
  return verdict;
}

const MEMO_LIMIT = 10_000;

function judgeOnce(expression: string | null, policy: LicencePolicy): Verdict {
  const node = expression === null ? null : parseExpression(expression);
  if (!node) return 'unknown';
  const alts = alternatives(node);
  const clean = alts.filter((alt) => !alt.some((t) => matches(t, policy.deny)));
  if (clean.length === 0) return 'denied';
  if (policy.allow.length === 0) return 'allowed';
  return clean.some((alt) => alt.every((t) => matches(t, policy.allow))) ? 'allowed' : 'not-allowed';
}
