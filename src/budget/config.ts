// The `budget` section of cto.yaml: the loaded labour cost per person-month, per team or one default.
//
//   budget:
//     labour:
//       currency: EUR
//       default: 11000        # per person-month, loaded (salary, taxes, benefits, equipment, overhead)
//       teams:
//         Platform: 13500     # team names of teams.yaml
import { z } from 'zod';
import { AMOUNT_RE, CURRENCY_RE } from './money.ts';

const rateSchema = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === 'number' ? String(v) : v.trim()))
  .refine((v) => AMOUNT_RE.test(v) && !v.startsWith('-'), 'an amount such as 11000 or "11000.00"');

const labourSchema = z
  .object({
    currency: z.string().regex(CURRENCY_RE, 'an ISO 4217 code such as EUR or USD'),
    default: rateSchema.optional(),
    teams: z.record(z.string().min(1), rateSchema).optional(),
  })
  .strict()
  .refine((l) => l.default !== undefined || Object.keys(l.teams ?? {}).length > 0, {
    message: 'give a `default` rate or rates per team',
  });

export const budgetConfigSchema = z.object({ labour: labourSchema.optional() }).strict();

export type LabourConfig = z.output<typeof labourSchema>;

/** The labour section of an already validated cto.yaml, or null. */
export function labourConfig(config: Record<string, unknown>): LabourConfig | null {
  const budget = config.budget as z.output<typeof budgetConfigSchema> | undefined;
  return budget?.labour ?? null;
}
