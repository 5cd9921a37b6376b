// The `risk` section of cto.yaml: the weights of the risk score (docs/risk.md, "Risk score") and
// how long each severity may stay open (`sla`, docs/risk.md#risk-register).
import { z } from 'zod';
import { EXPOSURES, type Exposure } from '../collectors/types.ts';
import type { Severity } from '../results.ts';

const weight = z.number().min(0).max(1000);

const severityWeights = z
  .object({ critical: weight, high: weight, medium: weight, low: weight, info: weight })
  .partial()
  .strict();

const exposureWeights = z
  .object(Object.fromEntries(EXPOSURES.map((e) => [e, weight])) as Record<Exposure, typeof weight>)
  .partial()
  .strict();

const reachabilityWeights = z
  .object({
    /** A direct dependency of shipped (runtime) code. */
    directRuntime: weight,
    /** A transitive-only dependency of shipped code. */
    transitiveRuntime: weight,
    /** A direct dependency of code that is not shipped (build, development, test, ...). */
    directOther: weight,
    /** A transitive-only dependency of code that is not shipped. */
    transitiveOther: weight,
  })
  .partial()
  .strict();

const ageConfig = z
  .object({
    /** Days after which a problem's age stops adding to its score. */
    capDays: z.number().int().min(1).max(3650),
    /** The factor an open problem reaches at `capDays` days old (1 turns age off). */
    maxFactor: z.number().min(1).max(10),
  })
  .partial()
  .strict();

const slaDays = z.number().int().min(1).max(3650).nullable();

/** Days from first seen to the SLA due date per severity; null: none for that severity. */
const slaSchema = z
  .object({ critical: slaDays, high: slaDays, medium: slaDays, low: slaDays })
  .partial()
  .strict();

export const riskConfigSchema = z
  .object({
    severity: severityWeights.optional(),
    exposure: exposureWeights.optional(),
    reachability: reachabilityWeights.optional(),
    age: ageConfig.optional(),
    sla: slaSchema.optional(),
  })
  .strict();

export type RiskConfig = z.infer<typeof riskConfigSchema>;

export interface RiskWeights {
  severity: Record<Severity, number>;
  exposure: Record<Exposure, number>;
  reachability: {
    directRuntime: number;
    transitiveRuntime: number;
    directOther: number;
    transitiveOther: number;
  };
  age: { capDays: number; maxFactor: number };
}

/** The defaults, as docs/risk.md states them. */
const DEFAULT_RISK_WEIGHTS: RiskWeights = {
  severity: { critical: 10, high: 7, medium: 4, low: 1, info: 0 },
  exposure: { runtime: 1, build: 0.5, ci: 0.4, development: 0.25, test: 0.2, example: 0.1, docs: 0.05 },
  reachability: { directRuntime: 1, transitiveRuntime: 0.8, directOther: 1, transitiveOther: 1 },
  age: { capDays: 365, maxFactor: 1.5 },
};

/** The defaults with what cto.yaml sets. */
export function riskWeights(config: RiskConfig | undefined): RiskWeights {
  const d = DEFAULT_RISK_WEIGHTS;
  return {
    severity: { ...d.severity, ...config?.severity },
    exposure: { ...d.exposure, ...config?.exposure },
    reachability: { ...d.reachability, ...config?.reachability },
    age: { ...d.age, ...config?.age },
  };
}

/** Days allowed per severity; a severity missing here has no SLA. */
export type Sla = Partial<Record<Severity, number>>;

export const DEFAULT_SLA: Sla = { critical: 7, high: 30, medium: 90 };

/** The SLA in force: the defaults, with what cto.yaml sets (null removes a severity's SLA). */
export function slaOf(config: RiskConfig | undefined): Sla {
  const out: Sla = { ...DEFAULT_SLA };
  for (const [severity, value] of Object.entries(config?.sla ?? {}) as Array<[Severity, number | null]>) {
    if (value === null) delete out[severity];
    else out[severity] = value;
  }
  return out;
}
