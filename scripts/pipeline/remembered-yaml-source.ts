import { rememberWithMessages } from '../source/remember-with-messages.js';
import type { StageCache } from '../source/stage-cache.js';
import { parseYamlSource } from '../source/yaml-source.js';

/**
 * For a long-lived process: `parseYamlSource` that parses a file's YAML (a data file, a front
 * matter) once while it and the text before it stay the same, with the source bound to the file
 * at hand.
 */
export function rememberedYamlParser(cache: StageCache): typeof parseYamlSource {
  return (file, text, origin, ruleId) => {
    // Places in the YAML depend on the text up to its end, not on what follows it.
    const parsed = rememberWithMessages(cache, 'yaml-source', file, `${ruleId}\0${origin}\0${text}`, (scratch) => parseYamlSource(scratch, text, origin, ruleId), origin + text.length);
    // The source's own place lookups read the scratch file: the same text, so the same places.
    return parsed && { ...parsed, source: { ...parsed.source, file } };
  };
}
