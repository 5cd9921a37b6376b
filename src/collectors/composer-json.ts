// composer.json as the Composer collectors read it: the require sections, and which names are
// platform requirements rather than packages.
import { z } from 'zod';

export const ComposerJson = z.object({
  require: z.record(z.string(), z.unknown()).optional(),
  'require-dev': z.record(z.string(), z.unknown()).optional(),
});

/** Platform requirements (php, ext-*, lib-*, composer-*) are not packages. */
export const isPlatform = (name: string) => /^(php(-\w+)?|hhvm|ext-.+|lib-.+|composer(-.+)?)$/i.test(name);
