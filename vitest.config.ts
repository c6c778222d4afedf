import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Playwright specs live in test/e2e and run under Playwright, never vitest
    include: ['test/unit/**/*.test.ts', 'test/lessons/**/*.test.ts'],
    environment: 'node',
  },
});
