// The one comparison of author e-mails, used wherever authors are counted or people are keyed:
// white space trimmed, lower-cased. `Ada@Example.com` and `ada@example.com` are one author.
// Definition: docs/metrics/people.md, "Authors".

export function authorEmailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** Authors among these e-mails: distinct keys. */
export function countAuthors(emails: Iterable<string>): number {
  const keys = new Set<string>();
  for (const e of emails) keys.add(authorEmailKey(e));
  return keys.size;
}
