import { defineConfig } from 'vitest/config';
import { workerSourceVitePlugin } from './scripts/worker-source.mjs';

export default defineConfig({
  // `worker-source:` imports (threads that run a module graph) are bundled as the app's bundles do.
  plugins: [workerSourceVitePlugin()],
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
