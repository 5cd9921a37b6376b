import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countLines } from './count.ts';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

describe('countLines', () => {
  it('counts C: block comments over lines, blank lines inside them, strings holding markers', () => {
    const src = lines(
      '#include <stdio.h>',
      '',
      '/* A header comment',
      '',
      ' * spanning lines */',
      'int main(void) { /* inline */',
      '  const char *s = "/* not a comment */ // nor this";',
      "  char q = '\"'; // a quote char",
      '  // only a comment',
      '  return 0; }',
    );
    expect(countLines(src, 'C')).toEqual({ code: 5, comment: 3, blank: 2 });
  });

  it('keeps a C string open across a backslash-newline and closes an unterminated one at the line end', () => {
    expect(countLines(lines('char *s = "a \\', '/* still string */";', '// c'), 'C')).toEqual({
      code: 2,
      comment: 1,
      blank: 0,
    });
    expect(countLines(lines('char *s = "open', '// a comment'), 'C')).toEqual({
      code: 1,
      comment: 1,
      blank: 0,
    });
  });

  it('nests block comments in Rust and Haskell but not in C', () => {
    const nested = lines('/* outer /* inner */', 'still comment */', 'fn main() {}');
    expect(countLines(nested, 'Rust')).toEqual({ code: 1, comment: 2, blank: 0 });
    expect(countLines(nested, 'C')).toEqual({ code: 2, comment: 1, blank: 0 });
    expect(countLines(lines('{- a {- b -}', 'c -}', 'main = pure ()'), 'Haskell')).toEqual({
      code: 1,
      comment: 2,
      blank: 0,
    });
  });

  it('counts Python docstrings as comments and # inside strings as code', () => {
    const src = lines(
      'def greet(name):',
      '    """Say hello.',
      '',
      '    Longer text.',
      '    """',
      '    s = "# not a comment"',
      '    # a comment',
      "    return f'hi {name}'",
    );
    expect(countLines(src, 'Python')).toEqual({ code: 3, comment: 4, blank: 1 });
  });

  it('reads Ruby =begin/=end and Perl POD only at the start of a line', () => {
    expect(countLines(lines('=begin', 'doc', '=end', 'puts 1 # c', 'x = 2 =begin'), 'Ruby')).toEqual({
      code: 2,
      comment: 3,
      blank: 0,
    });
    expect(countLines(lines('my $x = 1;', '=pod', 'text', '=cut', 'print $x;'), 'Perl')).toEqual({
      code: 2,
      comment: 3,
      blank: 0,
    });
  });

  it('ends a shell string at the line end so heredoc apostrophes do not swallow comments', () => {
    const src = lines('cat <<EOF', "don't", 'EOF', '# a comment', 'echo "$#"');
    expect(countLines(src, 'Shell')).toEqual({ code: 4, comment: 1, blank: 0 });
  });

  it('handles Go raw strings, Lua long comments and JavaScript template literals', () => {
    expect(countLines(lines('s := `', '// in raw string', '`'), 'Go')).toEqual({
      code: 3,
      comment: 0,
      blank: 0,
    });
    expect(countLines(lines('--[[ long', 'comment ]]', '-- line', 'local x = 1'), 'Lua')).toEqual({
      code: 1,
      comment: 3,
      blank: 0,
    });
    expect(countLines(lines('const t = `', '/* text */', '`;'), 'JavaScript')).toEqual({
      code: 3,
      comment: 0,
      blank: 0,
    });
  });

  it('counts reStructuredText markup blocks until a line starts in column 1', () => {
    const src = lines('Title', '=====', '', '.. note::', '   Indented.', '', 'Back to text.');
    expect(countLines(src, 'reStructuredText')).toEqual({ code: 3, comment: 2, blank: 2 });
  });

  it('handles CRLF, a last line without newline, unknown languages and binary content', () => {
    expect(countLines('a = 1\r\n\r\n# c\r\nb = 2', 'Python')).toEqual({ code: 2, comment: 1, blank: 1 });
    expect(countLines(lines('# c', 'x'), null)).toEqual({ code: 2, comment: 0, blank: 0 });
    expect(countLines(Buffer.from([0x89, 0x50, 0x00, 0x0a, 0x41]), 'C')).toEqual({
      code: 0,
      comment: 0,
      blank: 0,
    });
    expect(countLines('', 'C')).toEqual({ code: 0, comment: 0, blank: 0 });
  });

  it('always accounts for every line exactly once', () => {
    const alphabet = fc.constantFrom('a', ' ', '\n', '/', '*', '"', "'", '#', '\\', '-', '{', '}', '`', '=');
    const languages = ['C', 'Rust', 'Python', 'Shell', 'Haskell', 'Ruby', 'JavaScript', 'SQL', 'HTML', null];
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 200 }),
        fc.constantFrom(...languages),
        (chars, language) => {
          const text = chars.join('');
          const c = countLines(text, language);
          const expected = text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
          expect(c.code + c.comment + c.blank).toBe(expected);
          const blankLines = text
            .split('\n')
            .filter((l, i, all) => l.trim() === '' && (i < all.length - 1 || l !== ''));
          expect(c.blank).toBe(blankLines.length);
        },
      ),
    );
  });
});
