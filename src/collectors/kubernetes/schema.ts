import { z } from 'zod';

/** Any Kubernetes object: only apiVersion and kind decide whether a document is a manifest. */
export const Manifest = z.looseObject({ apiVersion: z.string(), kind: z.string() });

export const Container = z.looseObject({ image: z.string().optional() });
