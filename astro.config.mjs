// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import embedHost from './src/embed-host/integration.mjs';
import figureData from './src/integrations/figure-data.mjs';

// The site's public origin, used for canonical and oEmbed links. `npm start`
// and the tests serve on 127.0.0.1; a deployment sets SITE_URL.
const site = process.env.SITE_URL ?? 'http://127.0.0.1:4321';

export default defineConfig({
  site,
  // Parallel work (and the bench) can build into separate folders.
  outDir: process.env.OUT_DIR ?? './dist',
  cacheDir: process.env.CACHE_DIR ?? './node_modules/.astro',
  trailingSlash: 'always',
  // embedHost: builds the newsroom loader /embed.js (src/embed-host/embed.ts).
  // figureData: moves each graphic's browser data out of the HTML into /_data/.
  integrations: [mdx(), embedHost(), figureData()],
  build: {
    format: 'directory',
    // One request per page: small CSS is cheaper inline than render-blocking.
    inlineStylesheets: 'always',
  },
  devToolbar: { enabled: false },
  vite: {
    build: { assetsInlineLimit: 0 },
  },
});
