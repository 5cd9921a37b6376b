// A pom.xml's `<project>` element as plain objects, for the maven-pom collector and the Maven licence
// lookup. fast-xml-parser with entity processing off: `&name;` stays literal text, DOCTYPE entities
// are never expanded.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type PomNode = Record<string, unknown>;

/** The value as an element (an object), or an empty one. */
export const pomNode = (value: unknown): PomNode =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as PomNode) : {};

/** A repeated element as a list: one element is a list of one, none is empty. */
export const pomList = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value == null ? [] : [value];

/** The `<project>` element, or why there is none (the XML is not valid, or has no `<project>`). */
export function pomProject(xml: string, maxDepth: number): { project: PomNode } | { error: string } {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { error: `${valid.err.msg} (line ${valid.err.line})` };
  const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    processEntities: false,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    maxNestedTags: maxDepth,
  });
  const project = pomNode(pomNode(parser.parse(xml)).project);
  if (Object.keys(project).length === 0) return { error: 'no <project> element' };
  return { project };
}
