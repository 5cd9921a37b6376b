import { afterAll, describe, expect, it } from 'vitest';
import { buildRepo, cleanupTemp, tempDir } from '../../../test/helpers/repo-builder.ts';
import { analyseCommit, languageTotals } from './snapshot.ts';

afterAll(cleanupTemp);

describe('analyseCommit', () => {
  it('classifies and counts the files of a commit, honouring nested .gitattributes', async () => {
    const dir = buildRepo(tempDir(), [
      {
        files: {
          '.gitattributes': 'third_party/** linguist-vendored\n*.gen.ts linguist-generated\n',
          'src/.gitattributes': 'legacy.inc linguist-language=PHP\n',
          'src/main.c': '#include <stdio.h>\n\n/* entry */\nint main(void) { return 0; }\n',
          'src/util.h': '#include <string>\nnamespace u { std::string s; }\n',
          'src/legacy.inc': '<?php\n// old\necho 1;\n',
          'src/api.gen.ts': 'export const a = 1;\n',
          'third_party/lib.c': 'int x;\n',
          'bin/tool': { executable: '#!/usr/bin/env python3\n"""Tool."""\nprint(1)\n' },
          'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0a]),
          'README.md': '# Title\n\nText.\n',
        },
      },
    ]);
    const files = await analyseCommit(`${dir}/.git`, 'HEAD');
    const by = new Map(files.map((f) => [f.path, f]));
    expect(by.get('src/main.c')).toMatchObject({
      language: 'C',
      category: 'code',
      code: 2,
      comment: 1,
      blank: 1,
    });
    expect(by.get('src/util.h')).toMatchObject({ language: 'C++', code: 2 });
    expect(by.get('src/legacy.inc')).toMatchObject({ language: 'PHP', code: 2, comment: 1 });
    expect(by.get('src/api.gen.ts')).toMatchObject({ category: 'generated', detectable: false });
    expect(by.get('third_party/lib.c')).toMatchObject({ category: 'vendored', detectable: false });
    // The shebang line is a comment line, as cloc counts it.
    expect(by.get('bin/tool')).toMatchObject({ language: 'Python', code: 1, comment: 2 });
    expect(by.get('logo.png')).toMatchObject({ category: 'binary', code: 0, comment: 0, blank: 0 });
    expect(by.get('README.md')).toMatchObject({ category: 'documentation', detectable: false });

    const totals = languageTotals(files);
    expect(totals.map((t) => t.language)).toEqual(['C', 'C++', 'PHP', 'Python']);
    expect(totals[0]).toEqual({ language: 'C', files: 1, code: 2, comment: 1, blank: 1 });
  });
});
