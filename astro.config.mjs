// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import embedHost from './src/embed-host/integration.mjs';
import figureData from './src/integrations/figure-data.mjs';
import figureFiles from './src/integrations/figure-files.mjs';
import stepStills from './src/integrations/step-stills.mjs';
import postbuild from './scripts/postbuild.mjs';
import edition404 from './src/integrations/edition-404.mjs';
import afterPaintScripts from './src/integrations/after-paint-scripts.mjs';
import { siteAddress } from './scripts/site-url.mjs';
import { satteri } from '@astrojs/markdown-satteri';
import glossaryLinks from './src/integrations/glossary-links.ts';

// The site's public origin, used for canonical and oEmbed links and the Embed
// control's snippets. A production build (`npm run build`) requires SITE_URL
// to be a public address and fails otherwise; `npm start`, `npm test` and CI
// build with BUILD_MODE=local (`npm run build:local`), which allows the
// loopback default and marks dist/.headers.json as local, so the nginx
// renderer refuses to deploy it. See scripts/site-url.mjs.
const { site, mode } = siteAddress(process.env, process.argv.includes('build'));

export default defineConfig({
  site,
  // Parallel work (and the bench) can build into separate folders.
  outDir: process.env.OUT_DIR ?? './dist',
  cacheDir: process.env.CACHE_DIR ?? './node_modules/.astro',
  trailingSlash: 'always',
  // English at the root, Spanish under /es/ (src/lib/i18n; pages under src/pages/es/).
  i18n: { locales: ['en', 'es'], defaultLocale: 'en', routing: { prefixDefaultLocale: false, redirectToDefaultLocale: false } },
  // embedHost: builds the newsroom loader /embed.js (src/embed-host/embed.ts).
  // figureData: moves each graphic's browser data out of the HTML into /_data/.
  // figureFiles: each figure's CSV/SVG/PNG downloads (/files/) and social card (/cards/).
  // stepStills: each scrolly step's still picture (the plain article) into /stills/.
  // afterPaintScripts: each page's module scripts load after its first paint.
  // postbuild (last: it reads what the others wrote): CSP script hashes, .br/.gz copies.
  integrations: [mdx(), embedHost(), figureData(), figureFiles(), stepStills(), edition404(), afterPaintScripts(), postbuild({ site, mode })],
  // Astro's default Markdown/MDX processor, plus: each chapter links the first
  // use of each glossary term to /glossary/ (src/integrations/glossary-links.ts).
  markdown: { processor: satteri({ hastPlugins: [glossaryLinks()] }) },
  build: {
    concurrency: 1,
    format: 'directory',
    // One request per page: small CSS is cheaper inline than render-blocking.
    inlineStylesheets: 'always',
  },
  devToolbar: { enabled: false },
  vite: {
    build: { assetsInlineLimit: 0 },
    plugins: [
      {
        // A graphic's code is imported when its figure nears the screen, while the reader
        // scrolls. Vite's preload helper then appended a <link rel=modulepreload> per dependency
        // to <head> in that task: 40-90 ms of script at CPU x10 on the phone profile (issue 12).
        // Without them the render module imports its dependencies itself, a screen before the
        // figure is reached. (Astro sets build.modulePreload itself, so only the client
        // environment's own setting, made here, reaches the client build.)
        name: 'chancay:no-preload-for-dynamic-imports',
        configEnvironment(name) {
          if (name !== 'client') return;
          return { build: { modulePreload: { polyfill: false, resolveDependencies: (_file, deps, { hostType }) => (hostType === 'js' ? [] : deps) } } };
        },
      },
    ],
  },
});
