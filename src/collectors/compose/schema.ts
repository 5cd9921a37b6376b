import { z } from 'zod';

/** A service: only `image` is used; everything else is allowed and ignored. */
export const Service = z.looseObject({ image: z.unknown().optional() });

/** Compose file format 2/3 and the Compose Specification: services under `services`. */
export const ComposeFile = z.looseObject({ services: z.record(z.string(), z.unknown()) });
