import { describe, expect, it } from 'vitest';
import { indentation } from './indentation.ts';

describe('indentation', () => {
  it('sums leading width over non-blank lines, tabs as 4 spaces, in units of 4', () => {
    // widths: 0, 4 (tab), 8 (two tabs), 2 (spaces), blank lines skipped (also whitespace-only and \r)
    const text = 'def f():\n\tif x:\n\t\treturn 1\n  y\n\n   \n \t \r\n';
    expect(indentation(Buffer.from(text))).toEqual({ complexity: Math.round(14 / 4), maxIndent: 2 });
  });

  it('counts a last line without a newline, and stops at the first non-blank byte', () => {
    expect(indentation(Buffer.from('a\n        b  c'))).toEqual({ complexity: 2, maxIndent: 2 });
    expect(indentation(Buffer.from(''))).toEqual({ complexity: 0, maxIndent: 0 });
  });
});
