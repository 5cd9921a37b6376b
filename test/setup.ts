// Run before every test file: the temporary folders a file made with `tempDir` are removed after
// its last test, whether or not the file asks for it (a file's own `afterAll` runs first).
import { afterAll } from 'vitest';
import { cleanupTemp } from './helpers/repo-builder.ts';

afterAll(cleanupTemp);
