// Types for the SPDX packages, which ship none.
declare module 'spdx-correct' {
  export default function correct(text: string, options?: { upgrade?: boolean }): string | null;
}

declare module 'spdx-expression-parse' {
  export interface LicenseNode {
    license: string;
    plus?: boolean;
    exception?: string;
  }
  export interface ConjunctionNode {
    left: ExpressionNode;
    conjunction: 'and' | 'or';
    right: ExpressionNode;
  }
  export type ExpressionNode = LicenseNode | ConjunctionNode;
  export default function parse(text: string): ExpressionNode;
}

declare module 'spdx-satisfies' {
  export default function satisfies(expression: string, approved: string[]): boolean;
}
