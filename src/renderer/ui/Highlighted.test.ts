import { describe, expect, it } from 'vitest';
import { splitSnippet } from './Highlighted';

const O = '\u0002';
const C = '\u0003';

describe('search snippet highlighting', () => {
  it('splits marked runs from plain text', () => {
    expect(splitSnippet(`my ${O}refund${C} is late`)).toEqual([
      { text: 'my ', match: false },
      { text: 'refund', match: true },
      { text: ' is late', match: false },
    ]);
  });

  it('keeps markup as text and drops stray or unbalanced markers', () => {
    expect(splitSnippet(`<img src=x onerror=alert(1)> ${O}<b>x</b>`)).toEqual([
      { text: '<img src=x onerror=alert(1)> ', match: false },
      { text: '<b>x</b>', match: true },
    ]);
    expect(splitSnippet(`${C}a${C}${C}b${O}${O}c`)).toEqual([
      { text: 'ab', match: false },
      { text: 'c', match: true },
    ]);
    expect(splitSnippet('')).toEqual([]);
  });
});
