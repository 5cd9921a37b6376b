import { z } from 'zod';

/** `global.json`: only the SDK pin is used; everything else (msbuild-sdks, test) is allowed and ignored. */
export const GlobalJson = z.looseObject({
  sdk: z.looseObject({ version: z.string().optional(), rollForward: z.string().optional() }).optional(),
});
