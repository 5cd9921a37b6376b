import { expect, test } from 'vitest';
import { buildPathGraph, dependencyPath } from './paths.ts';

const graph = buildPathGraph([
  { name: 'express', direct: true, parents: [] },
  { name: 'body-parser', direct: false, parents: ['express'] },
  { name: 'qs', direct: false, parents: ['body-parser', 'express'] },
  { name: 'a', direct: false, parents: ['b'] },
  { name: 'b', direct: false, parents: ['a'] },
  { name: 'orphan', direct: false, parents: [] },
]);

test('the shortest chain up to a direct dependency', () => {
  expect(dependencyPath(graph, 'app', 'qs')).toEqual(['app', 'express', 'qs']);
  expect(dependencyPath(graph, 'app', 'body-parser')).toEqual(['app', 'express', 'body-parser']);
  expect(dependencyPath(graph, 'app', 'express')).toEqual(['app', 'express']);
});

test('cycles and missing parent data end without looping', () => {
  expect(dependencyPath(graph, 'app', 'a')).toEqual(['app', '…', 'a']);
  expect(dependencyPath(graph, 'app', 'orphan')).toEqual(['app', '…', 'orphan']);
  expect(dependencyPath(graph, 'app', 'unknown')).toEqual(['app', 'unknown']);
});
