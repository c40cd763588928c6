// For the type check of the end-to-end tests (tsconfig.json here): what the tests put on the page's
// window, and the package's modules as the page serves them (imported inside page.evaluate, by URL).

interface Window {
  __xss?: unknown;
  __embeddingStatus: (string | null)[];
  __accurateStatus: (string | null)[];
}

declare module "/pkg/*";
