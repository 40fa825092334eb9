// Builds plotly-atlas.min.js: plotly.js (the version the pinned Python plotly ships, bundle.json) with only the
// trace types the atlas draws, from the npm package at the locked version (package-lock.json).
//   npm ci && node build.mjs [--out DIR]      (or `make plotly-bundle` from the project root)
// The same lock file and esbuild version give the same bytes; tests/unit/test_plotly_bundle.py checks that the
// committed file is what this script builds, and that the figures use no other trace type.
import * as esbuild from 'esbuild';
import {readFileSync, writeFileSync, mkdirSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {createRequire} from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const spec = JSON.parse(readFileSync(join(here, 'bundle.json'), 'utf8'));
const installed = createRequire(import.meta.url)('plotly.js/package.json').version;
if (installed !== spec['plotly.js']) {
  console.error(`plotly.js ${installed} is installed but bundle.json asks for ${spec['plotly.js']}: run npm ci`);
  process.exit(1);
}
const outArg = process.argv.indexOf('--out');
const outDir = outArg > 0 ? process.argv[outArg + 1] : here;
mkdirSync(outDir, {recursive: true});

// The same entry plotly.js's own partial bundles use (lib/index-<name>.js): core, then the trace modules.
const entry = "'use strict';\nvar Plotly = require('plotly.js/lib/core');\nPlotly.register([\n" +
  spec.traces.map((t) => `    require('plotly.js/lib/${t}'),\n`).join('') + ']);\nmodule.exports = Plotly;\n';

// Options as in plotly.js's esbuild-config.js (iife, global Plotly, es2016, global -> window), minified.
// The one CSS file plotly.js requires is maplibre's, for map subplots this bundle leaves out: empty.
const result = await esbuild.build({
  stdin: {contents: entry, resolveDir: here, sourcefile: 'plotly-atlas-entry.js', loader: 'js'},
  outfile: join(outDir, spec.output),
  format: 'iife',
  globalName: 'Plotly',
  bundle: true,
  minify: true,
  sourcemap: false,
  target: 'es2016',
  legalComments: 'eof',
  define: {global: 'window', 'define.amd': 'false', 'process.env.NODE_DEBUG': 'false'},
  loader: {'.css': 'empty'},
  logLevel: 'warning',
});
if (result.errors.length) process.exit(1);
const banner = `/*! plotly.js v${installed} (MIT, https://github.com/plotly/plotly.js) partial bundle: ` +
  `${spec.traces.join(', ')}. Built by bundles/plotly/build.mjs. */\n`;
const file = join(outDir, spec.output);
writeFileSync(file, banner + readFileSync(file, 'utf8'));
console.log(`${file}: ${readFileSync(file).length} bytes`);
