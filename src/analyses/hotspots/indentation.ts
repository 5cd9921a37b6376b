// Whitespace complexity (Hindle, Godfrey, Holt 2008; Tornhill, "Your Code as a Crime Scene"):
// indentation as a proxy for nesting, language-neutral. Definition in docs/metrics/code.md.

interface Indentation {
  /** Sum over non-blank lines of the leading width divided by 4, rounded to a whole number. */
  complexity: number;
  /** The deepest logical indentation: floor(leading width / 4), over non-blank lines. */
  maxIndent: number;
}

const TAB_WIDTH = 4;
const INDENT_UNIT = 4;

/** Leading width of each non-blank line: a space counts 1, a tab 4; other whitespace ends the indentation. */
export function indentation(content: Uint8Array): Indentation {
  let total = 0;
  let max = 0;
  let width = 0;
  let leading = true;
  let blank = true;
  const end = () => {
    if (!blank) {
      total += width;
      if (width > max) max = width;
    }
    width = 0;
    leading = true;
    blank = true;
  };
  for (let i = 0; i < content.length; i++) {
    const b = content[i] as number;
    if (b === 10) {
      end();
      continue;
    }
    if (b === 32 || b === 9) {
      if (leading) width += b === 9 ? TAB_WIDTH : 1;
      continue;
    }
    if (b === 13 || b === 11 || b === 12) {
      leading = false;
      continue;
    }
    leading = false;
    blank = false;
  }
  end();
  return { complexity: Math.round(total / INDENT_UNIT), maxIndent: Math.floor(max / INDENT_UNIT) };
}
