declare const PDSA_VERSION: string | undefined;

/** The package version, set by the build (esbuild's define); "dev" when run from source. */
export const TOOL_VERSION: string = typeof PDSA_VERSION === 'string' ? PDSA_VERSION : 'dev';
