import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floorTest } from './runtime-floor.ts';

const admits = (kind: string, floor: string, release: string) => floorTest(kind, floor)?.(release) ?? null;

describe('runtime floors read by the rules of their tool', () => {
  it('node engines are npm ranges: a bare major is that major only', () => {
    expect(admits('node', '>=18', '22')).toBe(true);
    expect(admits('node', '>=18', '16.20.2')).toBe(false);
    expect(admits('node', '<=16', '16.20.2')).toBe(true);
    expect(admits('node', '<=16', '18')).toBe(false);
    expect(admits('node', '~14.0', '14')).toBe(true);
    expect(admits('node', '~14.0', '14.21.3')).toBe(false);
    expect(admits('node', '16', '18')).toBe(false);
    expect(admits('node', '^20 || >=22', '21.7.3')).toBe(false);
    expect(admits('node', '^20 || >=22', '24')).toBe(true);
  });

  it('requires-python is PEP 440; Poetry carets are read as the npm ranges they mirror', () => {
    expect(admits('python', '>=3.10', '3.13')).toBe(true);
    expect(admits('python', '>=3.10', '3.9.23')).toBe(false);
    expect(admits('python', '==3.7.*', '3.7.17')).toBe(true);
    expect(admits('python', '==3.7.*', '3.8')).toBe(false);
    expect(admits('python', '>=3.8,<3.11', '3.11')).toBe(false);
    expect(admits('python', '^3.9', '3.12')).toBe(true);
    expect(admits('python', '^3.9', '4.0')).toBe(false);
  });

  it('rust-version, the go line and the Java release are minimums', () => {
    expect(admits('rust', '1.88', '1.91.1')).toBe(true);
    expect(admits('rust', '1.88', '1.87')).toBe(false);
    expect(admits('go', '1.21', '1.25')).toBe(true);
    expect(admits('go', '1.21.0', '1.20')).toBe(false);
    expect(admits('java', '1.8', '21')).toBe(true);
    expect(admits('java', '17', '11')).toBe(false);
  });

  it('what cannot be read is not judged', () => {
    expect(floorTest('node', 'lts/*')).toBeNull();
    expect(floorTest('java', '$' + '{java.version}')).toBeNull();
    expect(floorTest('php', '~7.4')).toBeNull();
    expect(floorTest('terraform', '~> 1.3')).toBeNull();
    expect(floorTest('dotnet', 'netstandard2.0')).toBeNull();
    expect(admits('php', '>=8.1', '8.4')).toBe(true);
  });

  it('never throws on any text', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('node', 'python', 'rust', 'go', 'java', 'php', 'terraform', 'ruby'),
        fc.string(),
        fc.string(),
        (kind, floor, release) => {
          const test = floorTest(kind, floor);
          if (test) expect(typeof test(release)).toBe('boolean');
        },
      ),
      { numRuns: 500 },
    );
  });
});
