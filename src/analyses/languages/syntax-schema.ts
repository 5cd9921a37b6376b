// Schema of data/comment-syntax.yaml: the comment and string syntax of each language.
import { z } from 'zod';

const position = z.enum(['any', 'line-start', 'column-1']).default('any');

const lineComment = z.union([z.string().min(1), z.object({ open: z.string().min(1), position }).strict()]);

const blockComment = z
  .object({
    open: z.string().min(1),
    /** Closing text; absent for a block that ends at the next line starting in column 1 (`dedent`). */
    close: z.string().min(1).optional(),
    nested: z.boolean().default(false),
    position,
    /** The block ends before the first line that starts with a character other than blank or `.`. */
    dedent: z.boolean().default(false),
  })
  .strict()
  .refine((b) => b.dedent !== (b.close !== undefined), {
    message: 'a block has either close or dedent: true',
  });

const stringLiteral = z
  .object({
    open: z.string().min(1),
    close: z.string().min(1),
    escape: z.string().length(1).nullable().default('\\'),
    multiline: z.boolean().default(false),
  })
  .strict();

export const languageSyntaxSchema = z
  .object({
    like: z.string().optional(),
    line: z.array(lineComment).optional(),
    block: z.array(blockComment).optional(),
    strings: z.array(stringLiteral).optional(),
    skip: z.array(z.string().min(1)).optional(),
  })
  .strict();

export const commentSyntaxFileSchema = z
  .object({ languages: z.record(z.string(), languageSyntaxSchema) })
  .strict();

export type Position = z.infer<typeof position>;
export type LanguageSyntaxEntry = z.infer<typeof languageSyntaxSchema>;

/** One language's syntax with `like` resolved. */
export interface LanguageSyntax {
  line: Array<{ open: string; position: Position }>;
  block: Array<{ open: string; close?: string; nested: boolean; position: Position; dedent: boolean }>;
  strings: Array<{ open: string; close: string; escape: string | null; multiline: boolean }>;
  skip: string[];
}
