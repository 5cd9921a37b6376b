// Every file collector the scan runs, in order. A test checks that each folder under
// src/collectors/ with an index.ts is listed here.
import type { FileCollector } from './types.ts';

export const COLLECTORS: readonly FileCollector[] = [];
