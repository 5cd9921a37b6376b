import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/repo-builder.ts';
import { resolveIdentities } from '../people/identities/index.ts';
import { loadPeopleConfig, parsePeopleConfig } from './people.ts';

describe('people configuration', () => {
  it('turns persons into aliases that merge identities, and bots into patterns', () => {
    const cfg = parsePeopleConfig(
      { persons: [{ name: 'Ada Lovelace', emails: ['ada@a.org', 'ada@b.org'] }], bots: ['^ci '] },
      'x',
    );
    const ids = resolveIdentities(
      [
        { name: 'A', email: 'ada@a.org' },
        { name: 'B', email: 'ada@b.org' },
        { name: 'CI Runner', email: 'ci@x.org' },
      ],
      { aliases: cfg.aliases, botPatterns: cfg.botPatterns },
    );
    const humans = ids.people.filter((p) => !p.bot);
    expect(humans.map((p) => p.name)).toEqual(['Ada Lovelace']);
    expect(ids.people.filter((p) => p.bot).map((p) => p.name)).toEqual(['CI Runner']);
  });

  it('rejects a bad regular expression or pattern with its place', () => {
    expect(() => parsePeopleConfig({ bots: ['('] }, 'people.yaml')).toThrow(/people\.yaml: bots\.0/);
    expect(() => parsePeopleConfig({ exclude: ['!x'] }, 'people.yaml')).toThrow(/exclude\.0/);
  });

  it('prefers people.yaml over the cto.yaml section', () => {
    const dir = tempDir('cto-people-');
    expect(loadPeopleConfig(dir, { people: { bots: ['a'] } }).botPatterns).toHaveLength(1);
    expect(loadPeopleConfig(dir, {}).aliases).toEqual([]);
    writeFileSync(join(dir, 'people.yaml'), 'exclude: [docs/]\n');
    const cfg = loadPeopleConfig(dir, { people: { bots: ['a'] } });
    expect(cfg.botPatterns).toEqual([]);
    expect(cfg.exclude).toEqual(['docs/']);
  });
});
