// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

// The site's public origin, used for canonical and oEmbed links. `npm start`
// and the tests serve on 127.0.0.1; a deployment sets SITE_URL.
const site = process.env.SITE_URL ?? 'http://127.0.0.1:4321';

export default defineConfig({
  site,
  trailingSlash: 'always',
  integrations: [mdx()],
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
