// Case bundles: a whole case as one file, to hand a case over or keep it safe (see format.ts).
export { BUNDLE_EXTENSION, BUNDLE_FORMAT, bundleExportsDir, type BundleHeader } from './format';
export { exportCaseBundle, type ExportOptions, type ExportResult } from './export';
export { importCaseBundle, verifyCaseBundle, type ImportBundleOptions, type ImportBundleResult, type NameClash } from './import';
export { isEncryptedBundle } from './read';
