import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from '../../scripts/diagnostics/did-you-mean.js';

describe('did you mean', () => {
  const keys = ['olcott1992', 'olcott2002', 'laumulin2009', 'aleksandrov1999'];

  it('suggests the closest keys, best first', () => {
    expect(didYouMean('olcot1992', keys)).toBe('; did you mean `olcott1992`');
    expect(didYouMean('olcott2992', keys)).toBe('; did you mean `olcott1992` or `olcott2002`');
    expect(didYouMean('laumilin2009', keys)).toBe('; did you mean `laumulin2009`');
  });

  it('suggests nothing far away', () => {
    expect(didYouMean('smith2000', keys)).toBe('');
  });

  it('measures edit distance and stops early past the limit', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });
});
