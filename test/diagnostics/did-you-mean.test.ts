import { describe, expect, it } from 'vitest';
import { didYouMean } from '../../scripts/diagnostics/did-you-mean.js';

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

  it('allows a third of the length of the name in edits, and at least two, whatever the case', () => {
    expect(didYouMean('kitten', ['sitting'])).toBe('');
    expect(didYouMean('kittens', ['Sitting'])).toBe('');
    expect(didYouMean('sittin', ['SITTING'])).toBe('; did you mean `SITTING`');
    expect(didYouMean('a', ['abc', 'abcdef'])).toBe('; did you mean `abc`');
    expect(didYouMean('abcdefghijklmnopqrs', ['abcdefghijklmnopxyz', 'abcdefghijkwxyz'])).toBe('; did you mean `abcdefghijklmnopxyz`');
  });
});
