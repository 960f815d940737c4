/** Files the server reads from disk at run time (see runtime-files.mjs). */
export declare const RUNTIME_FILES: readonly string[];
