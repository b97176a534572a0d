// Node types that plugins add to mdast, made visible to the whole program: directives
// (remark-directive), footnotes and tables (remark-gfm), front matter (remark-frontmatter),
// and our own citations and period tables.
import type {} from 'mdast-util-directive';
import type {} from 'mdast-util-frontmatter';
import type {} from '../citations/syntax/citation-node.js';
import type {} from '../tables/period-table-node.js';
import type {} from '../front-matter/front-matter-node.js';
import type {} from '../tables/trend-graph-node.js';
import type {} from '../markdown/listing-node.js';
import type {} from '../markdown/fenced-div-node.js';
import type {} from '../markdown/definition-list-node.js';
import type {} from '../markdown/shortcode-node.js';
import type {} from '../markdown/remark-sub-superscript.js';
import type {} from '../figures/figure-node.js';
import type {} from '../math/math-node.js';
import type {} from '../markdown/raw-tex-node.js';
