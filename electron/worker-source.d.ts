// `import source from 'worker-source:./module'`: the module bundled into one CommonJS script, as
// text for `new Worker(source, { eval: true })` (built by scripts/worker-source.mjs).
declare module 'worker-source:*' {
  const source: string;
  export default source;
}
